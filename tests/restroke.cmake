# Re-stroking scanned lines into pen ink (core/training/restroke, core/service/restroke_folder,
# 'inklens restroke').
inklens_add_test(test_restroke SOURCES test_restroke.cpp LIBS inklens_training)
# 'inklens restroke' through the built executable (and 'inklens eval' reading what it wrote).
inklens_add_test(test_restroke_cli SOURCES test_restroke_cli.cpp cli_run.h LIBS inklens_service)
target_compile_definitions(test_restroke_cli PRIVATE
  INKLENS_BIN="$<TARGET_FILE:inklens>"
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
add_dependencies(test_restroke_cli inklens)
