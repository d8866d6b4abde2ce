# Warnings are errors in every build of ours (not in third-party headers, which are SYSTEM).
add_compile_options(-Wall -Wextra -Wpedantic -Werror -Wshadow=local -Wnon-virtual-dtor
                    -Wno-missing-field-initializers)
# GCC 12 reports -Wmismatched-new-delete on Asio's awaitable coroutine frames (operator new/delete
# of awaitable_frame_base, GCC bug 109224): a false positive at -O1 and above, so it is off.
add_compile_options(-Wno-mismatched-new-delete)
# GCC 12 reports -Wmaybe-uninitialized inside std::optional<std::optional<T>>, std::regex and
# std::function at -O1/-O2 (with and without sanitizers) where every path initialises the value;
# which presets trip it changes with inlining, so a build could pass in Debug and fail in Release.
add_compile_options(-Wno-maybe-uninitialized)
# Unity builds (the asan and release presets, for cold-build time; see README "Builds") compile
# several .cpp files as one, and GCC decides -Wsubobject-linkage by "is this the main file": every
# file of a batch but none is then "a header", and each coroutine frame holding a type from its
# file's anonymous namespace is reported. That is the heuristic failing, not an ODR hazard; the
# dev preset builds file by file and keeps the warning.
if(CMAKE_UNITY_BUILD)
  add_compile_options(-Wno-subobject-linkage)
endif()
