# core/redis disruptive tests (Redis restart), included from tests/disruptive/CMakeLists.txt.
target_sources(ugoki_disruptive_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/redis_restart_test.cpp)
