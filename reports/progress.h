// A progress bar on stderr for long runs, drawn only when stderr is a
// terminal (so logs, pipes and CI output stay clean).
#ifndef JXAUDIT_REPORTS_PROGRESS_H_
#define JXAUDIT_REPORTS_PROGRESS_H_

#include <chrono>
#include <string>
#include <string_view>

namespace jxaudit {

class Progress {
 public:
  // Enabled when stderr is a terminal (and TERM is not "dumb"); `force`
  // overrides the check (tests).
  explicit Progress(int total_steps, int force = -1);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void SetTotal(int total_steps);
  // Advances one step and redraws "[#####.....] 45% 正在写 review.html".
  void Step(std::string_view label);
  // Clears the bar's line.
  void Finish();
  bool enabled() const { return enabled_; }

 private:
  void Draw(std::string_view label);

  bool enabled_ = false;
  bool drawn_ = false;
  int total_ = 1;
  int done_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace jxaudit

#endif  // JXAUDIT_REPORTS_PROGRESS_H_
