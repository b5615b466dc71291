# Widget tests (ui/). QT_QPA_PLATFORM=offscreen comes from inklens_add_test.
inklens_add_test(test_mainwindow SOURCES test_mainwindow.cpp LIBS inklens_ui)
target_compile_definitions(test_mainwindow PRIVATE
  INKLENS_TRANSLATIONS_DIR="${CMAKE_CURRENT_LIST_DIR}/../translations")
