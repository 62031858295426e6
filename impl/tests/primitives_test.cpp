// Byte-exact primitives: every known answer of the spec note, section 3.
#include <gtest/gtest.h>

#include "cryptarchia/block.hpp"
#include "cryptarchia/config.hpp"
#include "cryptarchia/hash.hpp"
#include "cryptarchia/spec_conventions.hpp"

namespace cryptarchia {
namespace {

const Note kNoteA{10, 0};  // value 10, sk 0
const Note kNoteB{10, 1};  // value 10, sk 1

Hash32 hex(const char* text) { return Hash32::from_hex(text); }

TEST(KnownAnswers, CommitmentOfNoteSk0Value10) {
  EXPECT_EQ(kNoteA.commitment(),
            hex("4efd9fc7499753d8a9609defff9203a47c4831c9a51e8e72ef2e21aae1251543"));
}

TEST(KnownAnswers, NullifierOfNoteSk0Value10) {
  EXPECT_EQ(kNoteA.nullifier(),
            hex("53045cbc0c13cedba5d1c81a0bd9e4ee2a97eee47395885210541f8aaa2284cb"));
}

TEST(KnownAnswers, CommitmentOfNoteSk1Value10) {
  EXPECT_EQ(kNoteB.commitment(),
            hex("a0519beaddbb6349caafe8c0aac1317413062af3d454163f90ccf7779e21c4f0"));
}

TEST(KnownAnswers, GenesisId) {
  EXPECT_EQ(make_genesis({kNoteA, kNoteB}).header.id(),
            hex("e883d54ae3aef9821fdffdeaced07f0ed08fdfec7bed9d6dd535acc305f8ca62"));
}

TEST(KnownAnswers, TestContentId) {
  EXPECT_EQ(test_content_id(),
            hex("08d6c508860525a8ab2bc0267d4f301f819e55dd4af57b383c408e2cc8d178af"));
}

TEST(KnownAnswers, BlockAtSlot1AndItsChild) {
  const Id genesis = make_genesis({kNoteA, kNoteB}).header.id();
  const BlockHeader b1 = make_block(genesis, 1, kNoteA);
  EXPECT_EQ(b1.id(), hex("f6f7501fd65b4088941e0513bd539d7ad4b943cd5e375a21c5eaa5a1ef0fbf89"));
  const BlockHeader b2 = make_block(b1.id(), 2, kNoteA);
  EXPECT_EQ(b2.id(), hex("83c7ca8e6c2cd49ce22fcb06eacc18fc3de0ed9cafb62d510cf2e0e8847703cb"));
}

TEST(KnownAnswers, DigestAgreesWithSeparateComputations) {
  const BlockHeader b = make_block(Id{}, 7, kNoteB);
  const HeaderDigest d = digest(b);
  EXPECT_EQ(d.id, b.id());
  EXPECT_EQ(d.commitment, kNoteB.commitment());
  EXPECT_EQ(d.nonce_contribution, b.proof.nonce_contribution());
}

TEST(Hash, TagAndPartsAreConcatenatedWithoutSeparators) {
  // H("ab", "c") must equal H("a", "bc"): no lengths, no separators.
  EXPECT_EQ(H("ab", std::string_view("c")), H("a", std::string_view("bc")));
  // SHA-256 of the empty string (FIPS 180-2 known answer).
  EXPECT_EQ(H(""), hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  // SHA-256("abc").
  EXPECT_EQ(H("abc"), hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST(Encodings, BigEndianFixedWidth) {
  EXPECT_EQ(u32_be(0x01020304), (std::array<std::uint8_t, 4>{1, 2, 3, 4}));
  EXPECT_EQ(u64_be(0x0102030405060708ULL), (std::array<std::uint8_t, 8>{1, 2, 3, 4, 5, 6, 7, 8}));
  const Hash32 u = u256_be(0x0102);
  EXPECT_EQ(u.bytes[30], 1);
  EXPECT_EQ(u.bytes[31], 2);
  EXPECT_EQ(u.bytes[0], 0);
}

TEST(Hex, RoundTripsAndAcceptsUpperCase) {
  const Hash32 h = kNoteA.commitment();
  EXPECT_EQ(Hash32::from_hex(h.hex()), h);
  std::string upper = h.hex();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(Hash32::from_hex(upper), h);
  EXPECT_EQ(h.short_hex(), h.hex().substr(0, 8));
}

TEST(Hex, BadInputIsAClearError) {
  EXPECT_THROW(Hash32::from_hex("abc"), HexError);
  try {
    Hash32::from_hex(std::string(63, '0') + "g");
    FAIL() << "accepted a non-hex digit";
  } catch (const HexError& e) {
    EXPECT_NE(std::string(e.what()).find("position 63"), std::string::npos) << e.what();
  }
  try {
    Hash32::from_hex(std::string(65, '0'));
    FAIL() << "accepted 65 digits";
  } catch (const HexError& e) {
    EXPECT_NE(std::string(e.what()).find("65"), std::string::npos) << e.what();
  }
}

TEST(Config, SecurityParameterFromActiveSlotCoefficient) {
  EXPECT_EQ(Config::spec_test(), (Config{1, 6}));
  EXPECT_EQ(Config::from_active_slot_coeff(2160, 0.05).s, 3u * 43200u);
  EXPECT_EQ(Config::from_active_slot_coeff(3, 0.4).s, 3u * 7u);  // floor(7.5) = 7
  EXPECT_EQ(Config::with_s(5, 11), (Config{5, 11}));
  EXPECT_THROW(Config::from_active_slot_coeff(1, 0.0), std::invalid_argument);
  EXPECT_THROW(Config::from_active_slot_coeff(1, 1.5), std::invalid_argument);
}

TEST(LedgerState, ApplyingAChildUpdatesNonceAndLeaderCount) {
  const LedgerState genesis{Hash32{}, 0};
  const BlockHeader b = make_block(Id{}, 3, kNoteA);
  const LedgerState next = genesis.applied(b);
  EXPECT_EQ(next.leader_count, 1u);
  EXPECT_EQ(next.nonce, H("EPOCH_NONCE", Hash32{}, b.proof.nonce_contribution(), u64_be(3)));
  EXPECT_EQ(genesis.applied(b.slot, b.proof.nonce_contribution()), next);
}

}  // namespace
}  // namespace cryptarchia
