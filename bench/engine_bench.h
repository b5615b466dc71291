#pragma once
// `inklens bench`: times the engine. With --crnn-ref it speaks the engine protocol of
// the shared PyTorch reference (run_all.py): it runs the crnn-ref architecture, does
// its own warm-up, times `iters` iterations one by one and prints one JSON line
// {"times_ms": [...]}. --check DIR loads crnn-ref's weights from save_reference.py's
// folder and compares our outputs with PyTorch's.
#include <string>
#include <vector>

namespace inklens::bench {
int benchMain(const std::vector<std::string>& args);
}
