# What `cmake --install` puts beside the program for the desktop, and the Debian package.
# Installed layout (any prefix; the program finds its data relative to itself,
# core/service/model_locator.h; the translations are compiled into it, :/i18n):
#   bin/inklens
#   lib/<multiarch>/inklens/                     portable builds: the engine library, by ISA
#   share/inklens/models/                        the bundled model, default.lm, lang/*.lm
#   share/applications/<app id>.desktop          opens *.inkml (MimeType)
#   share/metainfo/<app id>.metainfo.xml         AppStream
#   share/mime/packages/<app id>.xml             application/inkml+xml
#   share/icons/hicolor/{scalable,NxN}/apps/<app id>.{svg,png}
#   share/doc/inklens/copyright                  licences and data credits
# A desktop picks up the MIME type and icons after update-mime-database and
# gtk-update-icon-cache (the Debian package's triggers run them; for a home prefix:
# update-mime-database ~/.local/share/mime).

set(_res ${PROJECT_SOURCE_DIR}/resources)
set(_gen ${PROJECT_BINARY_DIR}/desktop)
configure_file(${_res}/desktop/inklens.desktop.in ${_gen}/${INKLENS_APP_ID}.desktop @ONLY)
configure_file(${_res}/desktop/inklens.metainfo.xml.in ${_gen}/${INKLENS_APP_ID}.metainfo.xml @ONLY)

install(FILES ${_gen}/${INKLENS_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_gen}/${INKLENS_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_res}/desktop/inklens-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
  RENAME ${INKLENS_APP_ID}.xml)
install(FILES ${_res}/inklens.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
  RENAME ${INKLENS_APP_ID}.svg)
# The PNG sizes, rendered from the SVGs by scripts/render-icons.sh (committed).
foreach(size 16 24 32 48 64 128 256 512)
  install(FILES ${_res}/icons/inklens-${size}.png
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
    RENAME ${INKLENS_APP_ID}.png)
endforeach()
install(FILES ${_res}/desktop/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/inklens)

# ---- Debian package (scripts/package.sh: a portable build, then `cpack -G DEB`) ----------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME inklens)
set(CPACK_PACKAGE_VENDOR "The InkLens developers")
set(INKLENS_PACKAGE_CONTACT "The InkLens developers <maintainers@users.noreply.r-seed-961dd3af.example>"
  CACHE STRING "The Debian package's Maintainer field")
set(CPACK_PACKAGE_CONTACT "${INKLENS_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "handwriting recognition you can see inside")
set(CPACK_PACKAGE_DESCRIPTION
  "InkLens reads handwriting (pen or mouse ink, pictures of lines, scanned\n"
  "pages and photos) with its own CRNN (convolutions, a bidirectional LSTM,\n"
  "CTC) on the CPU, and shows how it reads: filters, feature maps, LSTM\n"
  "states, the alignment of every character to the ink, the beam search's\n"
  "alternatives. English, French, German and Spanish. A command line reads,\n"
  "evaluates and trains models.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # inklens_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
# Libraries from dpkg-shlibdeps (the program's engine libraries are its own: private).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/core)  # libinklens_nn.so
# Qt plugins loaded at run time, which dpkg-shlibdeps cannot see: SVG (the window's icon;
# libqt6svg6), the SQLite driver (samples.sqlite). Platform plugins come with libqt6gui6.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6, libqt6sql6-sqlite")
# dpkg-shlibdeps says libopenblas0, which any OpenBLAS variant satisfies; the program runs
# the OpenMP one it was linked with (its RUNPATH; cmake/InkLensDeps.cmake says why).
if(INKLENS_USE_BLAS AND INKLENS_OPENBLAS MATCHES "/openblas-openmp/")
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libopenblas0-openmp")
endif()
# Pictures in TIFF and WebP; Qt's own translated strings; the writing languages' word lists.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "qt6-image-formats-plugins, qt6-translations-l10n, wamerican, wfrench, wngerman, wspanish")
# inklens synth: single-stroke and handwriting fonts.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hershey-fonts-data, fonts-dkg-handwriting")
# Debian wants a changelog in every package: one entry for this version.
execute_process(COMMAND date -u -R -d "${INKLENS_RELEASE_DATE}" OUTPUT_VARIABLE _date
  OUTPUT_STRIP_TRAILING_WHITESPACE)
file(WRITE ${_gen}/changelog.Debian
  "inklens (${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}) unstable; urgency=medium\n\n"
  "  * InkLens ${PROJECT_VERSION}, packaged by scripts/package.sh (CPack).\n\n"
  " -- ${CPACK_PACKAGE_CONTACT}  ${_date}\n")
find_program(INKLENS_GZIP gzip)
if(INKLENS_GZIP)
  execute_process(COMMAND ${INKLENS_GZIP} -9 -n -c ${_gen}/changelog.Debian  # -n: no time stamp
    OUTPUT_FILE ${_gen}/changelog.Debian.gz)
  install(FILES ${_gen}/changelog.Debian.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/inklens)
endif()
include(CPack)
