# Warnings are errors in every build of ours (not in third-party headers, which are SYSTEM).
add_compile_options(-Wall -Wextra -Wpedantic -Werror -Wshadow=local -Wnon-virtual-dtor
                    -Wno-missing-field-initializers)
# GCC 12 reports -Wmismatched-new-delete on Asio's awaitable coroutine frames (operator new/delete
# of awaitable_frame_base, GCC bug 109224): a false positive at -O1 and above, so it is off.
add_compile_options(-Wno-mismatched-new-delete)
