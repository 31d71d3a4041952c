// Pure validators for the identifier recognisers: check digits (Luhn, mod 11, mod 97, ICAO
// 7-3-1), calendar rules and the normalised forms used as counting keys. Each takes an already
// delimited candidate; finding candidates in text is identifiers.cpp's job. Public so that
// tests can check every rule on its own.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skydda::scan {

// A civil date, for the century of YYMMDD forms ('+' from the year a person turns 100).
struct CivilDate {
    int year, month, day;
};

// --- Check digits -----------------------------------------------------------------------

// True when `digits` (ASCII digits only, at least two) ends in a correct Luhn check digit.
bool luhn_valid(std::string_view digits);
// The Luhn check digit to append to `digits`.
int luhn_check_digit(std::string_view digits);
// Weighted mod 11 with weights 1, 2, 3, ... 10, 1, 2 ... from the right: the Swedish banks'
// "11-modul". True when the sum is divisible by 11.
bool mod11_valid(std::string_view digits);
// ICAO 9303 check digit (weights 7, 3, 1; '<' = 0, A = 10 ... Z = 35); -1 on a bad character.
int mrz_check_digit(std::string_view field);

// --- Calendar -----------------------------------------------------------------------------

bool is_leap_year(int year);
int days_in_month(int year, int month); // 0 for a month outside 1..12

// --- Personal identity and organisation numbers -------------------------------------------

// The normalised 12-digit number (YYYYMMDDNNNC) of a personnummer or samordningsnummer,
// given its digits (10 = YYMMDDNNNC or 12 = YYYYMMDDNNNC) and the separator it was written
// with ('-', '+' or 0 for none). A 10-digit number takes the century that makes it the most
// recent date not after `today` ('-' or none), or with '+' the latest year ending in YY that is
// at least 100 years before today's year ('+' is written from 1 January of the year a person
// turns 100, so 261204+9029 on 2026-12-02 is 1926-12-04). Rejects: wrong
// Luhn digit, birth number 000, a date that does not exist (personnummer), a day outside
// 60..91 or a month above 12 (samordningsnummer), a 12-digit century other than 18, 19, 20,
// and dates after `today`.
std::optional<uint64_t> normalise_personal_number(std::string_view digits, char separator, CivilDate today);
// The same for a whole written form: YYYYMMDD-NNNN, YYYYMMDD+NNNN, YYMMDD-NNNN, YYMMDD+NNNN,
// YYYYMMDDNNNN or YYMMDDNNNN (nothing else, no spaces).
std::optional<uint64_t> parse_personal_number(std::string_view written, CivilDate today);
// True for a samordningsnummer (day digits 60..91) among valid numbers.
bool is_coordination_number(uint64_t normalised);

// Organisation number: ten digits, the third at least 2 (so it cannot be a date), Luhn.
bool organisation_number_valid(std::string_view ten_digits);
// Written forms NNNNNN-NNNN, 16NNNNNN-NNNN, NNNNNNNNNN, 16NNNNNNNNNN; the 10-digit number.
std::optional<uint64_t> parse_organisation_number(std::string_view written);

// --- Contact details --------------------------------------------------------------------------

// A practical RFC 5321 subset: local part of letters, digits and . _ % + - ' (no leading,
// trailing or doubled dot, at most 64), '@', a domain of at least two labels (letters, digits,
// inner hyphens), the last all letters and 2+ long, and not a file extension ("logo@2x.png").
bool email_valid(std::string_view address);
// Lowercase copy, the counting form.
std::string email_normalised(std::string_view address);

// A Swedish phone number as written ("070-123 45 67", "+46 70 123 45 67", "0046 8 123 456
// 78", "031-12 34 56", "0701234567") to its E.164 digits without '+' (46...). Groups are
// separated by single spaces or hyphens. Mobile (07[02369]) numbers have 9 national digits,
// others 7..9; the first group, when grouped, is 2..4 digits with the trunk 0; grouped by
// spaces only, the later groups are pairs and triples ending in a pair ("08 123 45 67").
std::optional<uint64_t> phone_e164(std::string_view written);

// --- Banking ------------------------------------------------------------------------------------

// The IBAN length for a country code (SEPA countries and a few more), 0 if unknown.
int iban_length(std::string_view country);
// `compact`: uppercase, no spaces. Known country, length, mod 97 == 1.
bool iban_valid(std::string_view compact);
// Bankgiro: 7 or 8 digits, Luhn.
bool bankgiro_valid(std::string_view digits);
// Plusgiro: 2 to 8 digits, Luhn.
bool plusgiro_valid(std::string_view digits);
// A Swedish bank account: clearing number (4 digits, or 5 for Swedbank's 8xxx-x) and the
// account digits, checked by the bank's rule (Bankgirot's types 1 and 2). False for a
// clearing number without a known rule.
bool bank_account_valid(std::string_view clearing, std::string_view account);
// True when the first four digits of `clearing` fall in a range with a known rule.
bool has_clearing_rule(std::string_view clearing);

// Payment card number (digits only): 13..19 digits, Luhn, a known issuer range with its length.
bool payment_card_valid(std::string_view digits);

// --- Network and documents ---------------------------------------------------------------------

// Dotted quad, octets 0..255 without leading zeros; rejects 0.0.0.0/8, loopback 127.0.0.0/8
// and 240.0.0.0/4 (reserved, and where netmasks such as 255.255.255.0 fall) and quads of single digits
// ("1.2.3.4" is far more often a section number; 1.1.1.1 and 8.8.8.8 are public resolvers).
std::optional<uint32_t> parse_ipv4(std::string_view text);
// inet_pton-valid IPv6 with at least two written groups (not "::", "::1" or "b::"), returned
// in canonical lowercase compressed text.
std::optional<std::string> canonical_ipv6(std::string_view text);
// ICAO 9303 TD3 (passport) second line: 44 characters of A-Z, 0-9, '<' with correct check
// digits for the document number, birth date, expiry date and the composite.
bool mrz_td3_line2_valid(std::string_view line);

} // namespace skydda::scan
