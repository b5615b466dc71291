# Sanitizer builds: -DINKLENS_SANITIZE=address,undefined (ASan + UBSan) or =thread (TSan).
# scripts/test.sh --sanitize / --tsan configure them in build-asan/ and build-tsan/.
#
# Every target of the project is instrumented (the options are added before any target is
# made); third-party libraries (Qt, OpenBLAS, OpenCV, libgomp) are not, see
# scripts/sanitizers/*.supp for what that costs. INKLENS_SANITIZER_TEST_ENV holds the
# runtime options every test gets (tests/CMakeLists.txt), so a plain `ctest` in the build
# folder runs the tests exactly as the script does.
set(INKLENS_SANITIZE "" CACHE STRING
  "Sanitizers for every target: address,undefined | address | undefined | thread | empty (none)")

# What tests/CMakeLists.txt gives every test: runtime options, OpenMP threads, timeout (s).
set(INKLENS_SANITIZER_TEST_ENV "")
set(INKLENS_TEST_OMP_THREADS 2)
set(INKLENS_TEST_TIMEOUT 600)
if(NOT INKLENS_SANITIZE)
  return()
endif()

string(REPLACE "," ";" _inklens_sanitizers "${INKLENS_SANITIZE}")
foreach(_s IN LISTS _inklens_sanitizers)
  if(NOT _s MATCHES "^(address|undefined|thread|leak)$")
    message(FATAL_ERROR "INKLENS_SANITIZE: unknown sanitizer '${_s}' (address, undefined, thread, leak)")
  endif()
endforeach()
if("thread" IN_LIST _inklens_sanitizers AND "address" IN_LIST _inklens_sanitizers)
  message(FATAL_ERROR "INKLENS_SANITIZE: thread cannot be combined with address; build them apart")
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  message(FATAL_ERROR "INKLENS_SANITIZE needs GCC or Clang")
endif()
message(STATUS "Sanitizers: ${INKLENS_SANITIZE}")
# Instrumented code runs 2-3x (ASan) to 5-15x (TSan) slower.
set(INKLENS_TEST_TIMEOUT 2400)

# Frame pointers for readable stacks; -g even in Release (file:line in every report).
# The clang fuzzing build (scripts/asan-build.sh: test.sh --sanitize and fuzz.sh) keeps line
# tables only, file:line being all a report needs, and RelWithDebInfo is -O1 there, the
# usual fuzzing build: a third of the CPU time of gcc's -O2 -g ASan build (fuzz/README.md).
if(INKLENS_FUZZ)
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -gline-tables-only -DNDEBUG")
  add_compile_options(-fsanitize=${INKLENS_SANITIZE} -fno-omit-frame-pointer -gline-tables-only)
else()
  add_compile_options(-fsanitize=${INKLENS_SANITIZE} -fno-omit-frame-pointer -g)
endif()
add_link_options(-fsanitize=${INKLENS_SANITIZE})
# Instrumented code makes GCC 12 see the self-initialized __Y in its own AVX-512 intrinsics
# (_mm512_undefined_ps) as used uninitialized, the false positive behind
# -Wno-maybe-uninitialized in InkLensWarnings.cmake (GCC bug 105593). The plain build
# still checks our code with -Wuninitialized.
add_compile_options(-Wno-uninitialized)
if("undefined" IN_LIST _inklens_sanitizers)
  # Undefined behaviour stops the test instead of printing and going on.
  add_compile_options(-fno-sanitize-recover=undefined)
endif()

set(_supp ${CMAKE_SOURCE_DIR}/scripts/sanitizers)
if("thread" IN_LIST _inklens_sanitizers)
  # ignore_noninstrumented_modules: accesses and lock calls made inside Qt, glib or libgomp
  # themselves (QWaitCondition teardown, glib's wakeup eventfd) are not checked; they are
  # not our code and TSan cannot see their futex-based locks anyway.
  # libgomp (OpenMP, and with it OpenBLAS's threads) is not instrumented, so TSan cannot see
  # its barriers and reports every OpenMP parallel region as a race. One OpenMP thread: the
  # engine's parallel loops run on the calling thread; what TSan checks is our own
  # threading (the recognition worker, QtConcurrent tasks, std::thread in test_crnn).
  list(APPEND INKLENS_SANITIZER_TEST_ENV
    "TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:history_size=4:ignore_noninstrumented_modules=1:suppressions=${_supp}/tsan.supp")
  set(INKLENS_TEST_OMP_THREADS 1)
else()
  list(APPEND INKLENS_SANITIZER_TEST_ENV
    "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1"
    "LSAN_OPTIONS=print_suppressions=0:suppressions=${_supp}/lsan.supp"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=${_supp}/ubsan.supp")
endif()
