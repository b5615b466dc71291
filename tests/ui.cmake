# Widget tests (ui/). QT_QPA_PLATFORM=offscreen comes from inklens_add_test.
inklens_add_test(test_mainwindow SOURCES test_mainwindow.cpp test_models.h LIBS inklens_ui)
target_compile_definitions(test_mainwindow PRIVATE
  INKLENS_TRANSLATIONS_DIR="${CMAKE_CURRENT_LIST_DIR}/../translations"
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
inklens_add_test(test_inkcanvas SOURCES test_inkcanvas.cpp test_models.h LIBS inklens_ui)
inklens_add_test(test_window_parts SOURCES test_window_parts.cpp test_models.h LIBS inklens_ui)
# The page view (issue #14): pages opened, read with progress and cancel, edited, inspected.
inklens_add_test(test_page_view SOURCES test_page_view.cpp test_models.h LIBS inklens_ui inklens_inspect inklens_training)
# Issue #15's window side: the sample browser, the fine-tuning dialog (cancel, keep, watch
# it learn) and the model versions (restore, roll back). A tiny model: a few seconds.
inklens_add_test(test_finetune_ui SOURCES test_finetune_ui.cpp test_models.h LIBS inklens_ui)
# Its fine-tuning thread, the recognition thread and the GUI share the cores: with OpenMP's
# spinning waits a loaded machine made a 3 s run take 25 s.
set_property(TEST test_finetune_ui APPEND PROPERTY ENVIRONMENT OMP_WAIT_POLICY=passive)
