// The scanner over text: what it finds, where, with which key, and what it leaves alone.
#include <gtest/gtest.h>

#include "scan/identifiers.hpp"

using namespace skydda::scan;

namespace {

constexpr CivilDate k_today{2026, 11, 30};

std::vector<IdentifierMatch> scan(std::string_view text, const TextHints& hints = {}) {
    std::vector<IdentifierMatch> out;
    IdentifierScanner(k_today).scan(text, hints, out);
    return out;
}

std::vector<Category> categories(std::string_view text, const TextHints& hints = {}) {
    std::vector<Category> out;
    for (const auto& match : scan(text, hints)) out.push_back(match.category);
    return out;
}

using C = Category;

} // namespace

TEST(Identifiers, PersonalIdentityNumbersInEveryWrittenFormShareOneKey) {
    for (std::string_view text : {"pnr 19570428-9999 x", "570428-9999", "195704289999", "personnummer 5704289999"}) {
        auto found = scan(text);
        ASSERT_EQ(found.size(), 1u) << "form " << text.size() << " bytes";
        EXPECT_EQ(found[0].category, C::personal_identity_number);
        EXPECT_EQ(found[0].key, 195704289999u);
    }
    auto hundred = scan("Född 090527+1474.");
    ASSERT_EQ(hundred.size(), 1u);
    EXPECT_EQ(hundred[0].key, 190905271474u);
    EXPECT_EQ(hundred[0].begin, 6u); // "ö" is two bytes
    EXPECT_EQ(hundred[0].end, 17u);
}

TEST(Identifiers, TenDigitNumbersNeedAContextWordOrAPersonnummerColumn) {
    EXPECT_TRUE(categories("Order 5704289999 skickad").empty());
    EXPECT_EQ(categories("Pnr: 5704289999"), std::vector<C>{C::personal_identity_number});
    EXPECT_EQ(categories("SSN 5704289999"), std::vector<C>{C::personal_identity_number});
    TextHints csv;
    csv.delimiter = ';';
    csv.pin_columns = {1};
    csv.has_header = true;
    std::string text = "namn;pnr;order\nAnna;5704289999;5704289999\n\"B;C\";5704289999;1\n";
    auto found = scan(text, csv);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].begin, text.find("5704289999"));
    EXPECT_EQ(found[1].begin, text.rfind("5704289999"));
}

TEST(Identifiers, SpaceIsNoSeparatorAndLongerRunsAreNoNumbers) {
    EXPECT_TRUE(categories("850101 1234 och 19570428 9999").empty());
    EXPECT_TRUE(categories("x 1957042899991 y 19570428-99991 z 570428-9999-1").empty());
    EXPECT_TRUE(categories("ABC570428-9999 och 570428-9999abc").empty());
}

TEST(Identifiers, OrganisationNumbersAreNeverPeople) {
    EXPECT_EQ(categories("Exempel AB 556036-0793"), std::vector<C>{C::organisation_number});
    EXPECT_EQ(categories("org.nr 16556036-0793"), std::vector<C>{C::organisation_number});
    EXPECT_EQ(categories("orgnr 5560360793"), std::vector<C>{C::organisation_number});
    EXPECT_TRUE(categories("kund 5560360793").empty());
    auto found = scan("556036-0793 och 165560360793 (orgnr)");
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].key, 5560360793u);
}

TEST(Identifiers, EmailAddressesAreFoundWithTheirExtentAndLowercaseKey) {
    std::string text = "Skriv till <Anna.Berg@Exempel.SE>, eller anna.berg@exempel.se.";
    auto found = scan(text);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin).size(), 20u);
    EXPECT_EQ(found[0].key, found[1].key);
    EXPECT_EQ(found[1].end, text.size() - 1); // not the full stop
    EXPECT_TRUE(categories("logo@2x.png a@b foo@bar..se åsa@exempel.se").empty());
}

TEST(Identifiers, PhoneNumbersInCommonFormsShareTheE164Key) {
    for (std::string_view text : {"070-174 06 05", "0701740605", "+46 70 174 06 05", "0046 70-174 06 05", "+46701740605"}) {
        auto found = scan(text);
        ASSERT_EQ(found.size(), 1u) << "form of " << text.size() << " bytes";
        EXPECT_EQ(found[0].key, 46701740605u);
        EXPECT_EQ(found[0].end, text.size());
    }
    EXPECT_EQ(scan("08-465 050 05")[0].key, 46846505005u);
    EXPECT_EQ(scan("031-390 06 00")[0].key, 46313900600u);
    EXPECT_EQ(categories("tel 0313900600"), std::vector<C>{C::phone});
    EXPECT_TRUE(categories("order 0313900600").empty());
    EXPECT_TRUE(categories("2026-11-30 070-12 1 234,50 kr 07012345678").empty());
}

TEST(Identifiers, IbanWithAndWithoutGroupsAnchoredOnItsCountryCode) {
    auto found = scan("IBAN SE45 5000 0000 0583 9825 7466 och SE4550000000058398257466.");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].category, C::iban);
    EXPECT_EQ(found[0].key, found[1].key);
    EXPECT_EQ(found[0].key, hash_key("SE4550000000058398257466"));
    EXPECT_TRUE(categories("SE45 5000 0000 0583 9825 7467").empty());
    EXPECT_TRUE(categories("XSE45 5000 0000 0583 9825 7466").empty());
}

TEST(Identifiers, BankAccountsAndGiroNeedCheckDigitsAndContext) {
    EXPECT_EQ(categories("bankgiro 5050-1055"), std::vector<C>{C::bank_account});
    EXPECT_TRUE(categories("artikel 5050-1055").empty());
    EXPECT_EQ(categories("Handelsbanken kontonummer 6000-100 000 010"), std::vector<C>{C::bank_account});
    EXPECT_EQ(categories("Bankkonto 6000100000010"), std::vector<C>{C::bank_account});
    EXPECT_EQ(categories("plusgiro 1234-4 eller bankgiro 505-1057"),
              (std::vector<C>{C::bank_account, C::bank_account}));
    EXPECT_TRUE(categories("kontor 6000-100 000 010").empty());
    EXPECT_EQ(categories("Plusgiro 4 12 34 56-8"), std::vector<C>{C::bank_account});
    EXPECT_TRUE(categories("Plusgiro 4 12 34 56-7").empty());
    EXPECT_EQ(categories("konto 3300-5704289999"), std::vector<C>{C::bank_account});
}

TEST(Identifiers, PaymentCardsGroupedOrNot) {
    auto found = scan("Kort 4111 1111 1111 1111, 4111-1111-1111-1111 och 378282246310005.");
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].key, 4111111111111111u);
    EXPECT_EQ(found[1].key, 4111111111111111u);
    EXPECT_EQ(found[2].key, 378282246310005u);
    EXPECT_TRUE(categories("4111 1111 1111 1112 och 1234567812345670").empty());
}

TEST(Identifiers, IpAddressesButNotVersionsOrTimes) {
    auto found = scan("från 192.0.2.10 och 2001:db8::1, inte 1.2.3.4.5, 10:30:00 eller std::map");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].key, (192u << 24) | (2u << 8) | 10u);
    EXPECT_EQ(found[1].key, hash_key("2001:db8::1"));
    EXPECT_EQ(categories("[2001:DB8:0:0::1]"), std::vector<C>{C::ip_address});
    EXPECT_TRUE(categories("Git 1.7.12.1 Release Notes, version 10.0.19041.1").empty());
    EXPECT_EQ(categories("Klient 10.0.19.41 anslöt"), std::vector<C>{C::ip_address});
}

TEST(Identifiers, MachineReadableZoneAndDocumentNumbersWithContext) {
    std::string mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
    auto found = scan(mrz);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].category, C::id_document);
    EXPECT_EQ(found[0].begin, 45u);
    EXPECT_TRUE(categories("L898902C36UTO7408122F1204159ZE184226B<<<<<11").empty());
    EXPECT_EQ(categories("Passnummer: 12345678"), std::vector<C>{C::id_document});
    EXPECT_TRUE(categories("Ärende 12345678").empty());
}

TEST(Identifiers, MatchesComeInOrderAndNeverOverlap) {
    std::string text = "Anna, 19570428-9999, anna@exempel.se, 070-174 06 05, 192.0.2.1\nErik 090527+1474";
    auto found = scan(text);
    ASSERT_EQ(found.size(), 5u);
    for (size_t i = 1; i < found.size(); ++i) EXPECT_LE(found[i - 1].end, found[i].begin);
}

TEST(Identifiers, AnyBytesAreSafe) {
    std::string bytes;
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
    bytes.append(100000, '7');
    bytes.push_back('@');
    bytes.append(1000, ':');
    bytes.append(1000, '<');
    (void)scan(bytes); // must neither crash nor read outside the text (ASan in `make asan`)
    EXPECT_TRUE(categories(std::string("\0" "570428-9999\0", 13)) == std::vector<C>{C::personal_identity_number});
}

TEST(Mask, HidesAllButTheAgreedParts) {
    EXPECT_EQ(mask(C::personal_identity_number, "850101-1234"), "850101-****");
    EXPECT_EQ(mask(C::personal_identity_number, "19850101-1234"), "19850101-****");
    EXPECT_EQ(mask(C::personal_identity_number, "198501011234"), "19850101-****");
    EXPECT_EQ(mask(C::personal_identity_number, "090527+1474"), "090527+****");
    EXPECT_EQ(mask(C::email, "anna.berg@exempel.se"), "a***@exempel.se");
    EXPECT_EQ(mask(C::phone, "070-123 45 67"), "070-*** ** 67");
    EXPECT_EQ(mask(C::payment_card, "4111 1111 1111 1111"), "4111 **** **** 1111");
    EXPECT_EQ(mask(C::iban, "SE45 5000 0000 0583 9825 7466"), "SE45 **** **** **** **** 7466");
    EXPECT_EQ(mask(C::ip_address, "192.168.1.20"), "192.168.*.*");
    EXPECT_EQ(mask(C::ip_address, "2001:db8::1"), "2001:db8:*");
    EXPECT_EQ(mask(C::id_document, "12345678"), "**** 5678");
    EXPECT_EQ(mask(C::id_document, "L898902C36UTO7408122F1204159ZE184226B<<<<<10"), "**** 02C3");
    EXPECT_EQ(mask(C::bank_account, "6000-100 000 010"), "****-*** **0 010");
    EXPECT_EQ(mask(C::phone, "12"), "**");
    EXPECT_EQ(mask(C::email, "@"), "*");
}

TEST(HashKey, IsStableWithinTheProcessAndSeparatesValues) {
    EXPECT_EQ(hash_key("anna@exempel.se"), hash_key("anna@exempel.se"));
    EXPECT_NE(hash_key("anna@exempel.se"), hash_key("anna@exempel.sf"));
}

TEST(Identifiers, RandomInputsGiveOrderedMatchesInsideTheText) {
    // Bytes that start or continue candidates, mixed at random (deterministic seed).
    using namespace std::literals;
    std::string_view alphabet = "0123456789-+ .:@<\n\r,;SEabfxyzP\xc3\xa5\x00"sv; // the NUL included
    uint32_t state = 12345;
    auto next = [&state] { return state = state * 1664525u + 1013904223u; };
    IdentifierScanner scanner(k_today);
    TextHints csv;
    csv.delimiter = ';';
    csv.pin_columns = {0, 1};
    for (int round = 0; round < 20000; ++round) {
        std::string text(next() % 160, ' ');
        for (char& c : text) c = alphabet[next() % alphabet.size()];
        std::vector<IdentifierMatch> found;
        scanner.scan(text, round % 2 == 0 ? csv : TextHints{}, found);
        size_t previous_end = 0;
        for (const auto& match : found) {
            ASSERT_GE(match.begin, previous_end);
            ASSERT_GT(match.end, match.begin);
            ASSERT_LE(match.end, text.size());
            previous_end = match.end;
        }
    }
}

TEST(Identifiers, ResultsDoNotDependOnAlignment) {
    std::string body = "Anna 19570428-9999 anna@exempel.se 070-174 06 05 192.0.2.1 4111 1111 1111 1111\n";
    auto reference = scan(body);
    ASSERT_EQ(reference.size(), 5u);
    for (size_t shift = 1; shift < 70; ++shift) {
        auto found = scan(std::string(shift, 'x') + " " + body);
        ASSERT_EQ(found.size(), reference.size()) << "shift " << shift;
        for (size_t i = 0; i < found.size(); ++i) EXPECT_EQ(found[i].begin, reference[i].begin + shift + 1);
    }
}
