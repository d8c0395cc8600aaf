# Installation and the Debian package, included at the end of the top-level CMakeLists.txt.
#   cmake --install build --prefix /usr/local   bin/dsqlint, share/man/man1/dsqlint.1,
#                                               share/doc/dsqlint/rules/*.md
#   cpack --config build/CPackConfig.cmake      dsqlint_<version>_<arch>.deb
include(GNUInstallDirs)

add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/dsqlint.1
  COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:dsqlint> -DOUT=${CMAKE_BINARY_DIR}/dsqlint.1
          -P ${CMAKE_SOURCE_DIR}/cmake/man_page.cmake
  DEPENDS dsqlint ${CMAKE_SOURCE_DIR}/cmake/man_page.cmake
  COMMENT "Writing the man page dsqlint.1"
  VERBATIM)
add_custom_target(dsqlint_man ALL DEPENDS ${CMAKE_BINARY_DIR}/dsqlint.1)

install(FILES ${CMAKE_BINARY_DIR}/dsqlint.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${RULE_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR}/rules)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dsqlint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "lint PostgreSQL migrations for Amazon Aurora DSQL")
set(CPACK_PACKAGE_DESCRIPTION
    "dsqlint reads PostgreSQL migrations (plain SQL or Drizzle Kit folders) with PostgreSQL's own parser, classifies every statement by what Aurora DSQL does with it, and reports or fixes what DSQL rejects.")
set(CPACK_PACKAGE_CONTACT "dsqlint maintainers" CACHE STRING "Maintainer field of the .deb")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Runtime libraries (libfmt, libsimdjson, libstdc++, libc; libpg_query is linked
# statically) are found by dpkg-shlibdeps from dpkg-dev.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit, git")
set(CPACK_STRIP_FILES ON)
include(CPack)
