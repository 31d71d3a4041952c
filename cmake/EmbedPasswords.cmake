# Writes data/passwords/common-10000.txt into OUTPUT as one C++ string (domain/accounts.cpp).
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "constexpr std::string_view k_common_passwords_text = R\"skydda_embed(${content})skydda_embed\";\n")
