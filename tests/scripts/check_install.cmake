# `cmake --install` of the build into a fresh prefix, then the installed program runs from
# there: `inklens --version`, and `inklens recognize` on a line (a picture and its ink)
# that the installed program writes itself, reading with the model and language model
# installed beside it (not the build tree's, not the source tree's) and reading as the
# build tree's program does. The desktop files are where a desktop looks for them, and
# pass appstreamcli / desktop-file-validate when those are installed.
#
# cmake -DBUILD_DIR=<build> -DPREFIX=<empty dir> -DBUILD_BIN=<build's inklens>
#       -DAPP_ID=<app id> -DVERSION=<x.y.z> -P check_install.cmake
# Reuses the build (installing builds nothing).

foreach(var BUILD_DIR PREFIX BUILD_BIN APP_ID VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_install: -D${var}=... missing")
  endif()
endforeach()

function(run out_var)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=INKLENS_MODEL ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "check_install: '${command}' failed (${rc}):\n${out}\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${PREFIX})
run(ignored ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})

set(data ${PREFIX}/share)
foreach(file
    bin/inklens
    share/inklens/models/default.safetensors
    share/inklens/models/default.lm
    share/inklens/models/lang/en.lm
    share/applications/${APP_ID}.desktop
    share/metainfo/${APP_ID}.metainfo.xml
    share/mime/packages/${APP_ID}.xml
    share/icons/hicolor/scalable/apps/${APP_ID}.svg
    share/icons/hicolor/16x16/apps/${APP_ID}.png
    share/icons/hicolor/48x48/apps/${APP_ID}.png
    share/icons/hicolor/512x512/apps/${APP_ID}.png
    share/doc/inklens/copyright)
  if(NOT EXISTS ${PREFIX}/${file})
    message(FATAL_ERROR "check_install: ${file} not installed")
  endif()
endforeach()
file(READ ${data}/applications/${APP_ID}.desktop desktop)
foreach(line "Exec=inklens %f" "Icon=${APP_ID}" "MimeType=application/inkml+xml;")
  string(FIND "${desktop}" "\n${line}\n" at)
  if(at LESS 0)
    message(FATAL_ERROR "check_install: ${APP_ID}.desktop has no line '${line}'")
  endif()
endforeach()
file(READ ${data}/mime/packages/${APP_ID}.xml mime)
if(NOT mime MATCHES "type=\"application/inkml\\+xml\"" OR NOT mime MATCHES "pattern=\"\\*\\.inkml\"")
  message(FATAL_ERROR "check_install: the MIME type does not define application/inkml+xml, *.inkml")
endif()

find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
  run(out ${APPSTREAMCLI} validate --no-net ${data}/metainfo/${APP_ID}.metainfo.xml)
  message(STATUS "appstreamcli validate: ${out}")
else()
  message(STATUS "appstreamcli not installed (Debian: appstream): metainfo not validated")
endif()
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
  run(out ${DESKTOP_FILE_VALIDATE} ${data}/applications/${APP_ID}.desktop)
else()
  message(STATUS "desktop-file-validate not installed (Debian: desktop-file-utils): not validated")
endif()

set(bin ${PREFIX}/bin/inklens)
run(version ${bin} --version)
if(NOT version MATCHES "^InkLens ${VERSION}\n" OR NOT version MATCHES "\nGEMM: ")
  message(FATAL_ERROR "check_install: unexpected 'inklens --version':\n${version}")
endif()

# A line of handwriting and the same line as ink, written by the installed program.
set(samples ${PREFIX}/samples)
run(ignored ${bin} synth --out ${samples}/picture --count 1 --fonts none --seed 5)
run(ignored ${bin} synth --out ${samples}/ink --count 1 --inkml --seed 5)
file(GLOB picture ${samples}/picture/*.png)
file(GLOB ink ${samples}/ink/*.inkml)
if(NOT picture OR NOT ink)
  message(FATAL_ERROR "check_install: inklens synth wrote no line")
endif()

foreach(line ${picture} ${ink})
  run(installed ${bin} recognize --json --lang en ${line})
  string(JSON text GET "${installed}" text)
  string(JSON lm GET "${installed}" language_model)
  if(text STREQUAL "")
    message(FATAL_ERROR "check_install: the installed inklens read nothing in ${line}")
  endif()
  if(NOT lm STREQUAL "${data}/inklens/models/lang/en.lm")
    message(FATAL_ERROR "check_install: read with the language model '${lm}', not the installed one")
  endif()
  run(built ${BUILD_BIN} recognize --json --lang en ${line})
  string(JSON built_text GET "${built}" text)
  if(NOT text STREQUAL built_text)
    message(FATAL_ERROR "check_install: installed and built inklens read ${line} differently: '${text}' / '${built_text}'")
  endif()
  get_filename_component(name ${line} NAME)
  message(STATUS "${name}: '${text}' (${lm})")
endforeach()
file(REMOVE_RECURSE ${PREFIX})
