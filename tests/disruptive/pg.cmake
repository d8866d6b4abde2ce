# core/pg disruptive test (PostgreSQL restart), included from tests/disruptive/CMakeLists.txt.
target_sources(ugoki_disruptive_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/pg_restart_test.cpp)
target_link_libraries(ugoki_disruptive_tests PRIVATE ugoki_pg)
