# Faults (issue #17): every kind of save on a full disk (RLIMIT_FSIZE), in a read-only
# folder and killed in the middle; a damaged sample database; a model file replaced while
# it is read. docs/robustness.md holds the matrix. Runs inklens export for the CLI case.
inklens_add_test(test_faults SOURCES test_faults.cpp test_models.h LIBS inklens_service)
target_compile_definitions(test_faults PRIVATE INKLENS_BIN="$<TARGET_FILE:inklens>")
add_dependencies(test_faults inklens)
