# ONNX export (core/model/onnx_export.h, app/cli_export.cpp): the exported file run by
# OpenCV's DNN module (Debian libopencv-dnn-dev, scripts/setup.sh), which only this test
# links; the application never does.
find_library(INKLENS_OPENCV_DNN opencv_dnn)
if(NOT INKLENS_OPENCV_DNN)
  message(FATAL_ERROR "OpenCV DNN not found (Debian: libopencv-dnn-dev; scripts/setup.sh installs it), or configure with -DBUILD_TESTING=OFF")
endif()
inklens_add_test(test_onnx_export SOURCES test_onnx_export.cpp cli_run.h test_nets.h
  LIBS inklens_model inklens_opencv ${INKLENS_OPENCV_DNN})
target_compile_definitions(test_onnx_export PRIVATE
  INKLENS_BIN="$<TARGET_FILE:inklens>"
  INKLENS_SOURCE_MODEL="${CMAKE_SOURCE_DIR}/resources/models/default.safetensors")
add_dependencies(test_onnx_export inklens)
