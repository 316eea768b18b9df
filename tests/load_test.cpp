// Tests for finsam/plan.hpp loading: every structural error rule with its pointer and message.
#define BOOST_TEST_MODULE load
#include <boost/test/unit_test.hpp>

#include "test_util.hpp"

using finsam_test::problems_of;
using Lines = std::vector<std::string>;

namespace {
// A valid plan with a placeholder X spliced into the top level.
std::string plan_with(const std::string& members, const std::string& rest) {
    return R"({"format": "finsam/1", "years": [2005, 2006], "members": )" + members + rest + "}";
}
const std::string two = R"([{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}])";
const std::string law = R"(, "shares": {"rule": "law"})";

void expect(const std::string& plan, const Lines& expected) {
    const auto got = problems_of(plan);
    BOOST_TEST(got == expected, boost::test_tools::per_element());
}
}  // namespace

BOOST_AUTO_TEST_CASE(valid_minimal_plan) {
    expect(plan_with(two, law), {});
}

BOOST_AUTO_TEST_CASE(root_and_format) {
    expect("[]", {": must be an object (a finsam/1 plan), not an array"});
    expect(R"({"years": [2005, 2005], "members": [{"id": "a", "kind": "other"}], "shares": {"a": 100}})",
           {"/format: missing; write \"format\": \"finsam/1\""});
    expect(R"({"format": "finsam/2", "years": [2005, 2005], "members": [{"id": "a", "kind": "other"}], "shares": {"a": 100}})",
           {"/format: unknown format \"finsam/2\"; write \"finsam/1\""});
}

BOOST_AUTO_TEST_CASE(unknown_keys_with_suggestions) {
    expect(plan_with(two, law + R"(, "sharez": {})"), {"/sharez: unknown key \"sharez\"; did you mean \"shares\"?"});
    expect(plan_with(two, law + R"(, "rounding": {"mode": "half_up", "unit": "kr"})"),
           {"/rounding/unit: unknown key \"unit\"; expected \"amounts\", \"allocation\" or \"mode\""});
    expect(plan_with(R"([{"id": "fk", "kind": "state", "nmae": "FK"}])", law),
           {"/members/0/nmae: unknown key \"nmae\"; did you mean \"name\"?"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "change": {"uprat": "none"}}])"),
           {"/interventions/0/change/uprat: unknown key \"uprat\"; did you mean \"uprate\"?"});
    expect(plan_with(two, law + R"(, "frame": {"2005": {"totl": 5}})"),
           {"/frame/2005/totl: unknown key \"totl\"; did you mean \"total\"?"});
}

BOOST_AUTO_TEST_CASE(required_keys) {
    expect(R"({"format": "finsam/1", "members": [{"id": "a", "kind": "other"}]})",
           {"/years: missing; write \"years\": [FIRST, LAST], such as [2005, 2007]"});
    expect(R"({"format": "finsam/1", "years": [2005, 2005]})", {"/members: missing; write a non-empty array of members"});
    expect(R"({"format": "finsam/1", "years": [2005, 2005], "members": []})", {"/members: must list at least one member"});
    expect(plan_with(R"([{"kind": "state"}])", ""), {"/members/0/id: missing; write an id such as \"fk\" ([a-z0-9_-]+)"});
    expect(plan_with(R"([{"id": "fk"}])", ""),
           {"/members/0/kind: missing; write \"state\", \"region\", \"municipality\" or \"other\""});
    expect(plan_with(two, law + R"(, "interventions": [{"name": "x"}])"), {"/interventions/0/id: missing; write an id such as \"fyren\""});
    expect(plan_with(two, law + R"(, "adjustments": [{"member": "fk"}])"),
           {"/adjustments/0/year: missing; write the year it applies to, such as 2005",
            "/adjustments/0/amount: missing; write the change of the contribution, such as \"-150\""});
}

BOOST_AUTO_TEST_CASE(members) {
    expect(plan_with(R"([{"id": "FK", "kind": "state"}])", law),
           {"/members/0/id: \"FK\" is not a valid id; use lower-case letters, digits, _ and -"});
    expect(plan_with(R"([{"id": "a", "kind": "state"}, {"id": "a", "kind": "region"}])", law),
           {"/members/1/id: duplicate member id \"a\"; give each member its own id"});
    expect(plan_with(R"([{"id": "a", "kind": "county"}])", law),
           {"/members/0/kind: unknown value \"county\"; write \"state\", \"region\", \"municipality\" or \"other\""});
    expect(plan_with(R"([{"id": "a", "kind": "state", "from": "2012-01", "to": 2011}])", law),
           {"/members/0/from: membership starts (2012-01) after it ends (2011-12); correct \"from\" or \"to\""});
    expect(plan_with(R"([{"id": "a", "kind": "state", "from": "2011-13"}])", law),
           {"/members/0/from: \"2011-13\" is not a month; write a month such as \"2011-07\" or a year such as 2011"});
    expect(plan_with(R"([{"id": "a", "kind": "municipality", "population": -5}])", law),
           {"/members/0/population: population must be a non-negative whole number such as 21583"});
}

BOOST_AUTO_TEST_CASE(a_bad_member_field_does_not_cascade) {
    // The member with an unknown kind is still known by its id: one problem, not three.
    expect(plan_with(R"([{"id": "fk", "kind": "staat"}])", R"(, "shares": {"fk": "100"}, "uprating": {"fk": "3"})"),
           {"/members/0/kind: unknown value \"staat\"; write \"state\", \"region\", \"municipality\" or \"other\""});
}

BOOST_AUTO_TEST_CASE(years) {
    expect(R"({"format": "finsam/1", "years": [2007, 2005], "members": [{"id": "a", "kind": "other"}]})",
           {"/years: the first year 2007 is after the last 2005"});
    expect(R"({"format": "finsam/1", "years": ["2005", 2006], "members": [{"id": "a", "kind": "other"}]})",
           {"/years/0: must be a year written as a JSON integer such as 2005, not a string"});
    expect(R"({"format": "finsam/1", "years": [2005], "members": [{"id": "a", "kind": "other"}]})",
           {"/years: must be an array of two years [FIRST, LAST], such as [2005, 2007]"});
}

BOOST_AUTO_TEST_CASE(amounts) {
    // 0.001 kr is a tenth of an öre.
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": "0.001"}}])"),
           {"/interventions/0/amounts/2005: \"0.001\" is not a whole number of öre once read in kr; round it to at most 2 decimals"});
    // 10^17 kr = 10^19 öre > 2^63 − 1 ≈ 9.22 × 10^18 öre.
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": "100000000000000000"}}])"),
           {"/interventions/0/amounts/2005: amount beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than any budget; check its digits and the plan's amount_unit"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1e401}}])"),
           {"/interventions/0/amounts/2005: number \"1e401\" has an exponent beyond ±400; no amount, share or rate needs such a number, so check it"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": "1,5"}}])"),
           {"/interventions/0/amounts/2005: \"1,5\" is not an amount; write a JSON number or a decimal string such as \"785\" or \"-205\" "
            "(digits with an optional decimal point: no +, exponent, spaces or decimal comma)"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": true}}])"),
           {"/interventions/0/amounts/2005: must be an amount: a JSON number or a decimal string such as \"785\" or \"-205\", not a boolean"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"02005": 1}}])"),
           {"/interventions/0/amounts/02005: \"02005\" is not a year; keys here are years such as \"2005\""});
}

BOOST_AUTO_TEST_CASE(rates_factors_and_weights) {
    // a percent may not be a fraction
    expect(plan_with(two, law + R"(, "uprating": {"fk": "600/400"})"),
           {"/uprating/fk: \"600/400\" is not a percent; write a number or a decimal string such as \"1.5\" "
            "(digits with an optional decimal point: no +, exponent, spaces or decimal comma)"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "change": {"volume": "3/0"}}])"),
           {"/interventions/0/change/volume: \"3/0\" divides by zero; write a number, a decimal string or a fraction such as \"600/400\" (a fraction is two integers A/B with B ≠ 0)"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "financing": {"key": {"fk": "-1"}}}])"),
           {"/interventions/0/financing/key/fk: must not be negative; write a weight of 0 or more"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "financing": {"frame_part": "120"}}])"),
           {"/interventions/0/financing/frame_part: must be within 0..100 (percent of the amount split by the frame)"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "owner": {"fk": 0}}])"),
           {"/interventions/0/owner: owner weights must have a positive sum; give an owner a weight above 0"});
}

BOOST_AUTO_TEST_CASE(unknown_member_references) {
    const std::string msg = "unknown member \"kommun\"; members are \"fk\" or \"region\"";
    expect(plan_with(two, law + R"(, "uprating": {"kommun": "3"})"), {"/uprating/kommun: " + msg});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "owner": "kommun", "amounts": {"2005": 1}}])"),
           {"/interventions/0/owner: " + msg});
    expect(plan_with(two, law + R"(, "frame": {"members": {"kommun": 1}})"), {"/frame/members/kommun: " + msg});
    expect(plan_with(two, law + R"(, "adjustments": [{"year": 2005, "member": "kommun", "amount": 1}])"),
           {"/adjustments/0/member: " + msg});
    expect(plan_with(two, R"(, "shares": {"rule": "law", "region_key": {"kommun": 100}})"), {"/shares/region_key/kommun: " + msg});
}

BOOST_AUTO_TEST_CASE(frame_entries) {
    expect(plan_with(two, law + R"(, "frame": {"total": 1, "state": 2})"),
           {"/frame: must have exactly one of \"total\", \"state\", \"members\" or \"cover_costs\"; keep one of them"});
    expect(plan_with(two, law + R"(, "frame": {"cover_costs": false})"),
           {"/frame/cover_costs: must be true (the frame covers the year's costs); write another frame kind instead"});
    expect(plan_with(two, law + R"(, "frame": {"2006": {"total": 1}})"),
           {"/frame: no frame for 2005; add a year key ≤ 2005 such as \"2005\""});
}

BOOST_AUTO_TEST_CASE(years_outside_the_plan) {
    expect(plan_with(two, law + R"(, "checks": {"2009": {"costs": 1}})"), {"/checks/2009: year 2009 is outside the plan's years 2005–2006"});
    expect(plan_with(two, law + R"(, "adjustments": [{"year": 2004, "member": "fk", "amount": 1}])"),
           {"/adjustments/0/year: year 2004 is outside the plan's years 2005–2006"});
    expect(plan_with(two, law + R"(, "interventions": [{"id": "x", "amounts": {"2005": 1}, "active": {"from": 2007, "to": 2006}}])"),
           {"/interventions/0/active/from: active from 2007 is after to 2006; correct \"from\" or \"to\""});
}

BOOST_AUTO_TEST_CASE(collects_every_problem) {
    // Three independent problems are all reported, in document order.
    expect(plan_with(R"([{"id": "a", "kind": "state", "x": 1}])",
                     R"(, "shares": {"a": "90"}, "interventions": [{"id": "y", "amounts": {"2005": "0.001"}}])"),
           {"/members/0/x: unknown key \"x\"; expected \"id\", \"name\", \"kind\", \"population\", \"from\" or \"to\"",
            "/shares: shares sum to 90, not 100; adjust them so they sum to exactly 100",
            "/interventions/0/amounts/2005: \"0.001\" is not a whole number of öre once read in kr; round it to at most 2 decimals"});
}

// ---- variants that add or change one thing (spec 16, 14.6.11): patch_plan ---------------------

namespace {
std::string patched(const std::string& plan, const std::string& patch) {
    finsam::Node doc = finsam::parse_json(plan);
    finsam::patch_plan(doc, finsam::parse_json(patch));
    return finsam::dump(doc);
}
}  // namespace

BOOST_AUTO_TEST_CASE(patch_by_id_merges_entry_by_entry) {
    const std::string plan = R"({"members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region", "name": "R"}],)"
                             R"( "interventions": [{"id": "a", "amounts": {"2011": "1"}}, {"id": "b"}]})";
    // an existing id is merge-patched in place; a new id is appended as {"id": KEY} + its value,
    // in the patch's order; null removes an entry and does nothing for an id the plan lacks
    BOOST_TEST(patched(plan, R"({"members": {"region": {"name": null, "population": 5}, "kommun": {"kind": "municipality"}, "x": null}})") ==
               R"({"members":[{"id":"fk","kind":"state"},{"id":"region","kind":"region","population":5},{"id":"kommun","kind":"municipality"}],)"
               R"("interventions":[{"id":"a","amounts":{"2011":"1"}},{"id":"b"}]})");
    BOOST_TEST(patched(plan, R"({"interventions": {"a": null, "c": {"amounts": {"2011": "2"}}, "b": {"kind": "project"}}})") ==
               R"({"members":[{"id":"fk","kind":"state"},{"id":"region","kind":"region","name":"R"}],)"
               R"("interventions":[{"id":"b","kind":"project"},{"id":"c","amounts":{"2011":"2"}}]})");
    // written as an array, the list is replaced whole (RFC 7386): the trap of spec 16
    BOOST_TEST(patched(plan, R"({"interventions": [{"id": "c"}]})") ==
               R"({"members":[{"id":"fk","kind":"state"},{"id":"region","kind":"region","name":"R"}],"interventions":[{"id":"c"}]})");
    // income by id where the plan has none yet; everything else is RFC 7386
    BOOST_TEST(patched(R"({"name": "P", "frame": {"total": "1"}})", R"({"income": {"esf": {"amounts": {"2011": "5"}}}, "frame": null})") ==
               R"({"name":"P","income":[{"id":"esf","amounts":{"2011":"5"}}]})");
}

BOOST_AUTO_TEST_CASE(dalarna_variants_by_id_equal_the_full_lists) {
    // examples/sodra-dalarna-2011.json writes its variants by id; written with the full lists
    // (every intervention repeated, every member repeated) they give the same results.
    const finsam::Plan plan = finsam::load_plan_file(std::string(FINSAM_SOURCE_DIR) + "/examples/sodra-dalarna-2011.json");
    const finsam::Node& source = plan.source;
    finsam::Node state_list = source, sater_list = source;
    // state-plus-50 as a list: every intervention of the plan, then the stödteam
    finsam::Node interventions = *source.find("interventions");
    interventions.items().push_back(finsam::parse_json(R"({"id": "stodteam", "name": "Kommunövergripande stödteam", "kind": "insats",
        "amounts": {"2011": "1500000"}, "change": {"uprate": "2.5"}})"));
    finsam::Node patch = finsam::Node::object();
    patch.set("frame", finsam::parse_json(R"({"2011": {"state": 2730000}})"));
    patch.set("interventions", interventions);
    finsam::patch_plan(state_list, patch);
    finsam::patch_plan(sater_list, finsam::parse_json(R"J({"members": [
        {"id": "fk", "name": "Försäkringskassan (med Arbetsförmedlingen)", "kind": "state"},
        {"id": "region", "name": "Landstinget Dalarna", "kind": "region"},
        {"id": "avesta", "name": "Avesta kommun", "kind": "municipality", "population": {"2010": 21583}},
        {"id": "hedemora", "name": "Hedemora kommun", "kind": "municipality", "population": {"2010": 15164}},
        {"id": "sater", "name": "Säters kommun", "kind": "municipality", "population": {"2010": 10900}, "from": "2011-07"}],
        "shares": {"rule": "law", "municipal_key": "population", "fk": null, "region": null, "avesta": null, "hedemora": null}})J"));
    const auto json_of = [](const finsam::Plan& p) { return finsam::result_json(finsam::evaluate(p)); };
    BOOST_TEST(json_of(finsam::variant_plan(plan, "state-plus-50")) == json_of(finsam::load_plan(state_list)));
    BOOST_TEST(json_of(finsam::variant_plan(plan, "sater-joins")) == json_of(finsam::load_plan(sater_list)));
    // and the trap: the stödteam alone as a list drops the five others (by id: 5 + 1)
    finsam::Node trap = source;
    finsam::patch_plan(trap, finsam::parse_json(R"({"interventions": [{"id": "stodteam", "amounts": {"2011": "1500000"}, "change": {"uprate": "2.5"}}]})"));
    BOOST_TEST(finsam::load_plan(trap).interventions.size() == 1u);
    BOOST_TEST(finsam::variant_plan(plan, "state-plus-50").interventions.size() == 6u);
}

BOOST_AUTO_TEST_CASE(did_you_mean) {
    // a difference in case first, then within about one edit per four characters
    BOOST_TEST(*finsam::did_you_mean("Grums", {"grums", "avesta"}) == "grums");
    BOOST_TEST(*finsam::did_you_mean("sammanhangsplaster", {"sammanhangsplatser", "nya-insatser"}) == "sammanhangsplatser");
    BOOST_TEST(!finsam::did_you_mean("sater", {"state-plus-50", "sater-joins"}));
    BOOST_TEST(finsam::unknown_name("member", "Avesta", {"fk", "avesta"}) == R"(no member "Avesta"; did you mean "avesta"?)");
    BOOST_TEST(finsam::unknown_name("member", "x", {"fk", "region", "avesta"}) == R"(no member "x"; members are "fk", "region" or "avesta")");
    BOOST_TEST(finsam::unknown_name("member", "x", {"fk"}) == R"(no member "x"; member is "fk")");
}
