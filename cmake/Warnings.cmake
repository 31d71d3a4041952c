# Warnings for our own targets only; third-party headers come in as SYSTEM and stay quiet.
option(SKYDDA_WERROR "Treat warnings in Skydda's own code as errors" OFF)
function(skydda_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wno-missing-field-initializers)
  if(SKYDDA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
