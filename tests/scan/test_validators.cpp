// The pure validators, one rule at a time, and the personnummer project's shared test list.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "scan/validators.hpp"

using namespace skydda::scan;

namespace {
constexpr CivilDate k_today{2026, 11, 30};
// Nine digits and their Luhn check digit.
std::string with_luhn(const std::string& nine) { return nine + std::to_string(luhn_check_digit(nine)); }
}

TEST(Validators, LuhnAcceptsCorrectCheckDigitsOnly) {
    EXPECT_TRUE(luhn_valid("5704289999"));
    EXPECT_FALSE(luhn_valid("5704289998"));
    EXPECT_TRUE(luhn_valid("4111111111111111"));
    EXPECT_FALSE(luhn_valid("4111x11111111111"));
    EXPECT_FALSE(luhn_valid("4"));
    EXPECT_EQ(luhn_check_digit("570428999"), 9);
}

TEST(Validators, LeapYearsFollowTheGregorianRule) {
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_FALSE(is_leap_year(1900));
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_EQ(days_in_month(2023, 2), 28);
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2024, 13), 0);
}

TEST(Validators, PersonalNumberCenturyComesFromSeparatorAndToday) {
    EXPECT_EQ(parse_personal_number("570428-9999", k_today), 195704289999u);
    EXPECT_EQ(parse_personal_number("090527+1474", k_today), 190905271474u);
    EXPECT_EQ(parse_personal_number("090527-1474", k_today), 200905271474u);
    EXPECT_EQ(parse_personal_number("19090527+1474", k_today), 190905271474u);
    EXPECT_EQ(parse_personal_number("000229-2399", k_today), 200002292399u);
    // A date later this year belongs to the previous century with '-' (a text written before
    // 2026, when its holder was 99).
    ASSERT_TRUE(luhn_valid("2612019980"));
    EXPECT_EQ(normalise_personal_number("2612019980", '-', {2026, 11, 30}), 192612019980u);
}

// '+' is written from 1 January of the year a person turns 100: the century comes from the
// year, not from whether the birthday has passed (issue 11: 261204+9029 was read as 1826).
TEST(Validators, PlusSeparatorTakesTheCenturyFromTheYearOfTheHundredthBirthday) {
    ASSERT_TRUE(luhn_valid("2612049029"));
    EXPECT_EQ(normalise_personal_number("2612049029", '+', {2026, 12, 2}), 192612049029u) << "two days before";
    EXPECT_EQ(normalise_personal_number("2612049029", '+', {2026, 1, 1}), 192612049029u) << "from New Year's Day";
    EXPECT_EQ(normalise_personal_number("2612049029", '+', {2026, 12, 31}), 192612049029u);
    EXPECT_EQ(normalise_personal_number("2612049029", '+', {2025, 12, 31}), 182612049029u)
        << "in 2025 a person born in 1926 is written with '-'";
    EXPECT_EQ(parse_personal_number("261204+9029", {2026, 12, 2}), 192612049029u);
    EXPECT_EQ(parse_personal_number("261204-9029", {2026, 12, 2}), 192612049029u) << "written before 2026";
    EXPECT_EQ(parse_personal_number("090527+1474", {2026, 12, 2}), 190905271474u);
}

TEST(Validators, PersonalNumberRejectsImpossibleDatesBirthNumberZeroAndFuture) {
    // Correct Luhn digits throughout, so only the named rule rejects.
    EXPECT_FALSE(parse_personal_number(with_luhn("230229998"), k_today)) << "2023 is no leap year";
    EXPECT_TRUE(parse_personal_number(with_luhn("240229998"), k_today));
    EXPECT_FALSE(parse_personal_number(with_luhn("230230998"), k_today));
    EXPECT_FALSE(parse_personal_number(with_luhn("850431998"), k_today));
    EXPECT_FALSE(parse_personal_number(with_luhn("851301998"), k_today));
    EXPECT_FALSE(parse_personal_number(with_luhn("850101000"), k_today)) << "birth number 000";
    EXPECT_FALSE(parse_personal_number("20" + with_luhn("301201998"), k_today)) << "future";
    EXPECT_FALSE(parse_personal_number("17" + with_luhn("850101998"), k_today)) << "century 17";
    std::string spaced = with_luhn("850101998");
    spaced = spaced.substr(0, 6) + " " + spaced.substr(6);
    EXPECT_FALSE(parse_personal_number(spaced, k_today)) << "space";
}

TEST(Validators, CoordinationNumbersAllowUnknownAndImpossibleDates) {
    auto unknown_day = parse_personal_number(with_luhn("850160998"), k_today);
    ASSERT_TRUE(unknown_day);
    EXPECT_TRUE(is_coordination_number(*unknown_day));
    EXPECT_TRUE(parse_personal_number(with_luhn("850060998"), k_today)) << "month 00";
    EXPECT_TRUE(parse_personal_number(with_luhn("850291998"), k_today)) << "31 February + 60";
    EXPECT_FALSE(parse_personal_number(with_luhn("850192998"), k_today)) << "day 92";
    EXPECT_FALSE(parse_personal_number(with_luhn("851361998"), k_today)) << "month 13";
}

// github.com/personnummer/meta's list, copied to tests/scan/data with its origin noted.
// Every valid form is accepted and normalised to long_format, every invalid one rejected.
// Short forms without a separator are read as '-' (the writer dropped the only thing that
// says a person is over 100), so those of people over 100 normalise a century later.
TEST(Validators, PersonnummerProjectTestListAgrees) {
    std::ifstream in(SKYDDA_SOURCE_DIR "/tests/scan/data/personnummer-testcases.json");
    ASSERT_TRUE(in) << "test list missing";
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto list = boost::json::parse(buffer.str()).as_array();
    ASSERT_GE(list.size(), 10u);
    size_t index = 0;
    for (const auto& value : list) {
        const auto& item = value.as_object();
        auto text = [&](const char* key) { return std::string(item.at(key).as_string()); };
        bool valid = item.at("valid").as_bool();
        bool coordination = item.at("type").as_string() == "con";
        uint64_t expected = std::stoull(text("long_format").substr(0, 12));
        bool over_hundred = text("separated_format").find('+') != std::string::npos;
        for (const char* form : {"long_format", "separated_long", "separated_format", "short_format"}) {
            auto parsed = parse_personal_number(text(form), k_today);
            SCOPED_TRACE(testing::Message() << "entry " << index << " " << form);
            if (!valid) {
                EXPECT_FALSE(parsed);
                continue;
            }
            ASSERT_TRUE(parsed);
            bool century_lost = over_hundred && std::string_view(form) == "short_format";
            EXPECT_EQ(*parsed, century_lost ? expected + 10'000'000'000ull : expected);
            EXPECT_EQ(is_coordination_number(*parsed), coordination);
        }
        ++index;
    }
}

TEST(Validators, OrganisationNumbersNeedThirdDigitTwoOrMore) {
    EXPECT_TRUE(organisation_number_valid("5560360793"));
    EXPECT_FALSE(organisation_number_valid("5560360794"));
    EXPECT_FALSE(organisation_number_valid("5704289999")) << "a date: a sole trader's personnummer";
    EXPECT_EQ(parse_organisation_number("16556036-0793"), 5560360793u);
    EXPECT_EQ(parse_organisation_number("556036-0793"), 5560360793u);
}

TEST(Validators, EmailSubsetRejectsFileNamesAndBrokenDomains) {
    EXPECT_TRUE(email_valid("anna.berg@exempel.se"));
    EXPECT_TRUE(email_valid("o'brien+x@mail.example.com"));
    for (std::string_view bad : {"a@b", "foo@bar..se", "logo@2x.png", ".anna@exempel.se", "anna..b@exempel.se",
                                 "anna@exempel.s", "anna@exempel.123", "anna@-x.se", "anna@x-.se", "@x.se"})
        EXPECT_FALSE(email_valid(bad)) << bad.size() << "-byte look-alike";
    EXPECT_EQ(email_normalised("Anna@Exempel.SE"), "anna@exempel.se");
}

TEST(Validators, PhoneNumbersFollowTheNumberingPlan) {
    EXPECT_EQ(phone_e164("070-123 45 67"), 46701234567u);
    EXPECT_EQ(phone_e164("+46 70 123 45 67"), 46701234567u);
    EXPECT_EQ(phone_e164("0046701234567"), 46701234567u);
    EXPECT_EQ(phone_e164("08-123 456 78"), 46812345678u);
    EXPECT_EQ(phone_e164("031-12 34 56"), 4631123456u);
    EXPECT_EQ(phone_e164("0980-123 45"), 4698012345u);
    EXPECT_FALSE(phone_e164("070-123 45 6")) << "mobile needs 9 digits";
    EXPECT_FALSE(phone_e164("071-123 45 67")) << "071 is no personal mobile range";
    EXPECT_FALSE(phone_e164("020-123 45 67")) << "freephone";
    EXPECT_FALSE(phone_e164("010101-1234")) << "written like a personnummer";
    EXPECT_FALSE(phone_e164("0701234 5")) << "one-digit group";
    EXPECT_FALSE(phone_e164("08-1234")) << "too short";
    EXPECT_EQ(phone_e164("08 123 45 67"), 4681234567u);
    EXPECT_FALSE(phone_e164("041 117 132")) << "spaces only, not the Swedish grouping";
    EXPECT_FALSE(phone_e164("0123 4567")) << "spaces only, not the Swedish grouping";
}

TEST(Validators, IbanNeedsKnownLengthAndMod97) {
    EXPECT_TRUE(iban_valid("SE4550000000058398257466"));
    EXPECT_TRUE(iban_valid("DE89370400440532013000"));
    EXPECT_TRUE(iban_valid("GB82WEST12345698765432"));
    EXPECT_FALSE(iban_valid("SE4550000000058398257467"));
    EXPECT_FALSE(iban_valid("SE455000000005839825746")) << "length";
    EXPECT_FALSE(iban_valid("XX4550000000058398257466"));
    EXPECT_EQ(iban_length("SE"), 24);
    EXPECT_EQ(iban_length("NO"), 15);
}

TEST(Validators, BankAccountsByClearingNumberRule) {
    EXPECT_TRUE(bank_account_valid("6000", "100000010")) << "Handelsbanken, mod 11 over 9 digits";
    EXPECT_FALSE(bank_account_valid("6000", "100000011"));
    EXPECT_TRUE(bank_account_valid("3300", "5704289999")) << "Nordea personkonto";
    EXPECT_FALSE(bank_account_valid("0999", "1234567")) << "unknown clearing";
    EXPECT_TRUE(bankgiro_valid("50501055"));
    EXPECT_FALSE(bankgiro_valid("50501056"));
    EXPECT_TRUE(plusgiro_valid("41234568"));
}

TEST(Validators, PaymentCardsNeedIssuerRangeLengthAndLuhn) {
    EXPECT_TRUE(payment_card_valid("4111111111111111"));
    EXPECT_TRUE(payment_card_valid("5555555555554444"));
    EXPECT_TRUE(payment_card_valid("2223003122003222"));
    EXPECT_TRUE(payment_card_valid("378282246310005"));
    EXPECT_FALSE(payment_card_valid("37828224631000")) << "Amex is 15 digits";
    EXPECT_FALSE(payment_card_valid("4111111111111112"));
    EXPECT_FALSE(payment_card_valid("1234567812345670")) << "no issuer";
}

TEST(Validators, NetworkAddresses) {
    EXPECT_EQ(parse_ipv4("192.168.1.20"), 0xC0A80114u);
    EXPECT_FALSE(parse_ipv4("256.1.1.1"));
    EXPECT_FALSE(parse_ipv4("192.168.01.1"));
    EXPECT_FALSE(parse_ipv4("0.0.0.0"));
    EXPECT_FALSE(parse_ipv4("255.255.255.0"));
    EXPECT_FALSE(parse_ipv4("1.2.3"));
    EXPECT_FALSE(parse_ipv4("1.2.3.4")) << "small parts: a section number";
    EXPECT_FALSE(parse_ipv4("23.2.2.1")) << "small parts: a section number";
    EXPECT_EQ(parse_ipv4("23.2.2.100"), 0x17020264u);
    EXPECT_EQ(parse_ipv4("10.1.2.3"), 0x0A010203u);
    EXPECT_EQ(canonical_ipv6("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
    EXPECT_EQ(canonical_ipv6("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
    EXPECT_FALSE(canonical_ipv6("::"));
    EXPECT_FALSE(canonical_ipv6("b::")) << "one group: option syntax";
    EXPECT_FALSE(parse_ipv4("127.0.0.1")) << "loopback";
    EXPECT_FALSE(canonical_ipv6("10:30:00"));
}

TEST(Validators, MrzCheckDigitsFollowIcao9303) {
    EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
    EXPECT_EQ(mrz_check_digit("740812"), 2);
    EXPECT_TRUE(mrz_td3_line2_valid("L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
    EXPECT_FALSE(mrz_td3_line2_valid("L898902C36UTO7408122F1204159ZE184226B<<<<<11"));
    EXPECT_FALSE(mrz_td3_line2_valid("L898902C37UTO7408122F1204159ZE184226B<<<<<10"));
}
