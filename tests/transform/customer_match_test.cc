#include "transform/customer_match.h"

#include <gtest/gtest.h>

namespace sprintetl::transform {
namespace {

TEST(CustomerMatchTest, NormalisesCaseAccentsQuotesAndSpaces) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"Café Ümlaut & Söhne", "cafe umlaut & sohne"},
      {"  CAFE umlaut  &   SÖHNE ", "cafe umlaut & sohne"},
      {"Østby \"North\" Partners AS", "ostby north partners as"},
      {"østby “North” partners as", "ostby north partners as"},
      {"Dziękuję Software sp. z o.o.", "dziekuje software sp. z o.o."},
      {"DZIEKUJE  software SP. Z O.O.", "dziekuje software sp. z o.o."},
      {"Ação Digital Ltda.", "acao digital ltda."},
      {"Łódź Straße", "lodz strasse"},
      {"株式会社サンプル商事", "株式会社サンプル商事"},
      {"no\u00a0break", "no break"},
  };
  for (const Case& c : cases) EXPECT_EQ(NormaliseCompanyName(c.input), c.expected) << c.input;
}

TEST(CustomerMatchTest, MatchesFixtureNamesWrittenDifferently) {
  CompanyIndex index;
  index.Add("31000000102", "Café Ümlaut & Söhne", {"31000000190", "31000000191"});
  index.Add("31000000105", "Østby \"North\" Partners AS", {});
  index.Add("31000000107", "Dziękuję Software sp. z o.o.", {});

  EXPECT_EQ(index.MatchName("cafe umlaut & sohne"), "31000000102");
  EXPECT_EQ(index.MatchName(" Østby „North“ Partners AS "), "31000000105");
  EXPECT_EQ(index.MatchName("Ostby North  Partners as"), "31000000105");
  EXPECT_EQ(index.MatchName("DZIĘKUJĘ Software Sp. z O.O."), "31000000107");
  EXPECT_EQ(index.MatchName("Acme"), std::nullopt);
}

TEST(CustomerMatchTest, MergedIdsResolveToSurvivor) {
  CompanyIndex index;
  index.Add("31000000102", "Café Ümlaut & Söhne", {"31000000190", "31000000191"});
  EXPECT_EQ(index.ResolveId("31000000102"), "31000000102");
  EXPECT_EQ(index.ResolveId("31000000191"), "31000000102");
  EXPECT_EQ(index.ResolveId("31000000999"), std::nullopt);
}

TEST(CustomerMatchTest, DuplicateNameKeepsFirst) {
  CompanyIndex index;
  EXPECT_TRUE(index.Add("1", "Acme GmbH", {}));
  EXPECT_FALSE(index.Add("2", "ACME gmbh", {}));
  EXPECT_EQ(index.MatchName("acme gmbh"), "1");
}

}  // namespace
}  // namespace sprintetl::transform
