# UGOKI_SANITIZE=ON builds with AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset).
option(UGOKI_SANITIZE "Build with ASan and UBSan" OFF)
if(UGOKI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
