#include "reports/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "analyzer/model/text.h"

namespace jxaudit {

Progress::Progress(int total_steps, int force)
    : total_(std::max(1, total_steps)) {
  if (force >= 0) {
    enabled_ = force > 0;
    return;
  }
  const char* term = std::getenv("TERM");
  enabled_ = isatty(STDERR_FILENO) &&
             (term == nullptr || std::strcmp(term, "dumb") != 0);
}

Progress::~Progress() { Finish(); }

void Progress::SetTotal(int total_steps) { total_ = std::max(1, total_steps); }

void Progress::Step(std::string_view label) {
  done_ = std::min(total_, done_ + 1);
  if (!enabled_) return;
  // Redraw at most every 50 ms (and always at the end): a terminal write
  // per unit would slow a large run down.
  const auto now = std::chrono::steady_clock::now();
  if (done_ < total_ && drawn_ &&
      now - last_draw_ < std::chrono::milliseconds(50))
    return;
  last_draw_ = now;
  Draw(label);
}

void Progress::Draw(std::string_view label) {
  constexpr int kWidth = 30;
  const int filled = kWidth * done_ / total_;
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  size_t cut =
      std::min<size_t>(label.size(), 60);  // bytes, on a UTF-8 boundary
  while (cut < label.size() && cut > 0 && IsUtf8Continuation(label[cut])) {
    --cut;
  }
  std::fprintf(stderr, "\r\033[K[%s] %3d%% %.*s", bar.c_str(),
               100 * done_ / total_, static_cast<int>(cut), label.data());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (enabled_ && drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
  drawn_ = false;
}

}  // namespace jxaudit
