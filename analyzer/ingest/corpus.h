// Corpus loading: every input path (a file or a folder of files) read into
// one corpus of units, with what could not be read as diagnostics.
#ifndef JXAUDIT_ANALYZER_INGEST_CORPUS_H_
#define JXAUDIT_ANALYZER_INGEST_CORPUS_H_

#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/model/model.h"

namespace jxaudit {

// Reads every input path (files or folders) into one corpus. Inputs that
// cannot be read become diagnostics; the rest are still read. Units get ids
// "u0001"… in corpus order. Cells are parsed on at most `threads` threads
// (0: all cores).
Corpus LoadCorpus(const std::vector<std::string>& paths, const Config& config,
                  int threads = 0);

}  // namespace jxaudit

#endif  // JXAUDIT_ANALYZER_INGEST_CORPUS_H_
