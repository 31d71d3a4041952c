# Warnings for our own targets only; third-party headers come in as SYSTEM and stay quiet.
# Not -Wnull-dereference: with GCC 12 at -O2 it fires inside inlined libstdc++ and Asio code
# (istreambuf_iterator, handler queues) where no null can occur.
option(SKYDDA_WERROR "Treat warnings in Skydda's own code as errors" OFF)
function(skydda_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
    -Wno-missing-field-initializers)
  if(SKYDDA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
