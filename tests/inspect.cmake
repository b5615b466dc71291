# Inspection views (ui/inspect) and the saliency engine behind them (core/model/saliency).
inklens_add_test(test_inspect SOURCES test_inspect.cpp LIBS inklens_inspect)
inklens_add_test(test_inspect_saliency SOURCES test_inspect_saliency.cpp test_models.h LIBS inklens_inspect)
target_compile_definitions(test_inspect PRIVATE INKLENS_TRANSLATIONS_DIR="${CMAKE_CURRENT_LIST_DIR}/../translations")
