# Third-party dependencies, all from Debian 12 packages (see scripts/setup.sh).

find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(nlohmann_json 3.10 REQUIRED)

# OpenBLAS: prefer the OpenMP build (safe to call from inside our own parallel regions:
# it then runs single-threaded). Debian installs each variant in its own folder.
if(INKLENS_USE_BLAS)
  find_library(INKLENS_OPENBLAS NAMES openblas
    PATHS /usr/lib/x86_64-linux-gnu/openblas-openmp /usr/lib/aarch64-linux-gnu/openblas-openmp
    NO_DEFAULT_PATH)
  if(NOT INKLENS_OPENBLAS)
    find_library(INKLENS_OPENBLAS NAMES openblas)
  endif()
  if(NOT INKLENS_OPENBLAS)
    message(FATAL_ERROR "OpenBLAS not found (Debian: libopenblas-openmp-dev), or configure with -DINKLENS_USE_BLAS=OFF")
  endif()
  message(STATUS "OpenBLAS: ${INKLENS_OPENBLAS}")
endif()

# Eigen with our flags, as one interface target every engine library links.
add_library(inklens_eigen INTERFACE)
target_link_libraries(inklens_eigen INTERFACE Eigen3::Eigen OpenMP::OpenMP_CXX)
target_compile_definitions(inklens_eigen INTERFACE EIGEN_NO_DEBUG EIGEN_DONT_PARALLELIZE)
if(INKLENS_NN_LEVELS)
  # Portable builds mix code compiled for three ISAs (core/CMakeLists.txt): one alignment
  # for the whole program, the AVX-512 one, so that a matrix allocated by the baseline
  # code can be freed by the AVX-512 engine library and fixed-size members keep one layout.
  target_compile_definitions(inklens_eigen INTERFACE EIGEN_MAX_ALIGN_BYTES=64
                                                     EIGEN_MAX_STATIC_ALIGN_BYTES=64)
endif()
if(INKLENS_USE_BLAS)
  target_compile_definitions(inklens_eigen INTERFACE EIGEN_USE_BLAS INKLENS_HAVE_OPENBLAS)
  target_link_libraries(inklens_eigen INTERFACE ${INKLENS_OPENBLAS})
endif()

# OpenCV core + imgproc only. Debian's split packages ship no OpenCVConfig.cmake,
# so fall back to find_path/find_library and wrap IMPORTED targets.
find_package(OpenCV QUIET COMPONENTS core imgproc)
if(OpenCV_FOUND)
  add_library(inklens_opencv INTERFACE)
  target_link_libraries(inklens_opencv INTERFACE opencv_core opencv_imgproc)
else()
  find_path(INKLENS_OPENCV_INCLUDE opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
  find_library(INKLENS_OPENCV_CORE opencv_core REQUIRED)
  find_library(INKLENS_OPENCV_IMGPROC opencv_imgproc REQUIRED)
  add_library(OpenCV::core UNKNOWN IMPORTED)
  set_target_properties(OpenCV::core PROPERTIES IMPORTED_LOCATION ${INKLENS_OPENCV_CORE}
    INTERFACE_INCLUDE_DIRECTORIES ${INKLENS_OPENCV_INCLUDE})
  add_library(OpenCV::imgproc UNKNOWN IMPORTED)
  set_target_properties(OpenCV::imgproc PROPERTIES IMPORTED_LOCATION ${INKLENS_OPENCV_IMGPROC}
    INTERFACE_LINK_LIBRARIES OpenCV::core)
  add_library(inklens_opencv INTERFACE)
  target_link_libraries(inklens_opencv INTERFACE OpenCV::core OpenCV::imgproc)
endif()

find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Sql Test LinguistTools)
set(CMAKE_AUTOMOC ON)
