# Synthetic handwriting (core/training/{text_source,hershey,synth}, core/service/font_renderer).
# Needs Debian's hershey-fonts-data; the handwriting-font checks skip without third_party/fonts.
inklens_add_test(test_synth SOURCES test_synth.cpp LIBS inklens_service)
target_compile_definitions(test_synth PRIVATE INKLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# The folder 'inklens synth' writes (core/service/synth_folder).
inklens_add_test(test_synth_folder SOURCES test_synth_folder.cpp LIBS inklens_service)
