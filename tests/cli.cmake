# The command line (app/cli_recognize.cpp, app/cli_eval.cpp) and the metrics behind eval
# (core/training/metrics). test_cli runs the built inklens executable.
inklens_add_test(test_metrics SOURCES test_metrics.cpp LIBS inklens_training)

inklens_add_test(test_cli SOURCES test_cli.cpp cli_run.h test_ink.h LIBS inklens_service)
target_compile_definitions(test_cli PRIVATE
  INKLENS_BIN="$<TARGET_FILE:inklens>"
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
add_dependencies(test_cli inklens)
