# Every third-party dependency comes from Debian 12 packages (see scripts/deps.sh).
find_package(Threads REQUIRED)
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS json url)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(fmt REQUIRED)
find_package(date REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# The scanner: Vectorscan (Hyperscan's API), libarchive, poppler's C++ interface.
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
# Documents: PDF through cairo with pango for text layout (fonts from fonts-dejavu-core).
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
# The case register's export as XLSX (libxlsxwriter-dev).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# E-mail over SMTP (src/mail): libcurl from libcurl4-openssl-dev.
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# The case register's free-text search on SQLite: Snowball's stemmer (libstemmer-dev, no .pc
# file), the same Swedish stemmer PostgreSQL's 'swedish' text search configuration uses.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(Stemmer::stemmer UNKNOWN IMPORTED)
set_target_properties(Stemmer::stemmer PROPERTIES IMPORTED_LOCATION ${STEMMER_LIBRARY}
                      INTERFACE_INCLUDE_DIRECTORIES ${STEMMER_INCLUDE_DIR})
