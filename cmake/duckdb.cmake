# DuckDB's C library and header, fetched from the npm registry by
# scripts/fetch-duckdb.sh into the build tree (Debian does not package DuckDB).
set(SPRINTETL_DUCKDB_VERSION "1.4.4")
set(DUCKDB_DIR "${CMAKE_BINARY_DIR}/_deps/duckdb-${SPRINTETL_DUCKDB_VERSION}"
    CACHE PATH "Folder holding include/duckdb.h and lib/libduckdb.so")

if(NOT EXISTS "${DUCKDB_DIR}/include/duckdb.h" OR NOT EXISTS "${DUCKDB_DIR}/lib/libduckdb.so")
  message(STATUS "DuckDB ${SPRINTETL_DUCKDB_VERSION} not in ${DUCKDB_DIR}; fetching it")
  execute_process(
    COMMAND "${CMAKE_SOURCE_DIR}/scripts/fetch-duckdb.sh" "${DUCKDB_DIR}"
    RESULT_VARIABLE fetch_result)
  if(NOT fetch_result EQUAL 0)
    message(FATAL_ERROR
      "Could not fetch DuckDB ${SPRINTETL_DUCKDB_VERSION} into ${DUCKDB_DIR}. "
      "Run scripts/fetch-duckdb.sh ${DUCKDB_DIR} to see why (it needs npm and the npm registry).")
  endif()
endif()

add_library(duckdb::duckdb SHARED IMPORTED)
set_target_properties(duckdb::duckdb PROPERTIES
  IMPORTED_LOCATION "${DUCKDB_DIR}/lib/libduckdb.so"
  INTERFACE_INCLUDE_DIRECTORIES "${DUCKDB_DIR}/include")
