// Faces with photos on both databases: who may set whose photo, what an
// upload becomes (the server's own square JPEG, never the upload), each bad
// upload's field and reason, the face without a photo, and the trail.

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/photo_rules.hpp"
#include "fixture.hpp"
#include "service/errors.hpp"
#include "service/password.hpp"
#include "service/photo_service.hpp"

namespace gezicht {
namespace {

// A 1 x 1 red PNG (RGBA), as many tools write it.
std::string tiny_png() {
  const std::string text =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(),
                              nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  bytes.resize(length);
  return bytes;
}

class PhotoServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    town = testing::load_small_municipality(db(), service::hash_password(testing::SmallMunicipality::password));
    storage::exec(db(),
                  "INSERT INTO users (id, username, password_hash, name, role, created_at) VALUES "
                  "(50, 'beheer', 'x', 'Bea Beheer', 'admin', '2026-01-01T00:00:00Z'), "
                  "(51, 'rosa', 'x', 'Rosa Bewoner', 'resident', '2026-01-01T00:00:00Z')");
  }

  service::Actor actor(std::int64_t id, domain::Role role) {
    service::Actor a;
    a.user_id = id;
    a.name = "user " + std::to_string(id);
    a.access_role = role;
    a.client_address = "192.0.2.7";
    a.route = "POST /test";
    return a;
  }

  std::string problem(const std::string& upload) {
    return testing::invalid_field(
        [&] { photos.set_photo(db(), actor(town.anna, domain::Role::professional), town.anna, upload); }, true);
  }

  testing::SmallMunicipality town;
  service::ManualClock clock{*domain::parse_timestamp("2026-12-05T09:00:00Z")};
  service::AuditTrail trail{clock, service::AuditTrail::Options{}};
  service::PhotoService photos{clock, trail};
};

TEST_P(PhotoServiceTest, AnUploadBecomesTheServersOwnSquareJpeg) {
  const auto before = photos.face(db(), town.anna);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->name, "Anna de Boer");
  EXPECT_FALSE(before->jpeg) << "the initials until there is a photo";

  const auto digest = photos.set_photo(db(), actor(town.anna, domain::Role::professional), town.anna, tiny_png());
  const auto after = photos.face(db(), town.anna);
  ASSERT_TRUE(after && after->jpeg);
  EXPECT_EQ(after->digest, digest);
  EXPECT_TRUE(after->jpeg->starts_with("\xFF\xD8\xFF")) << "a JPEG, whatever came in";
  EXPECT_TRUE(after->jpeg->ends_with("\xFF\xD9"));
  EXPECT_EQ(after->jpeg->find("IHDR"), std::string::npos) << "nothing of the PNG is kept";
  // The JPEG's frame header says 256 x 256 (SOF0: FF C0, length, precision, height, width).
  const auto frame = after->jpeg->find("\xFF\xC0");
  ASSERT_NE(frame, std::string::npos);
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>((*after->jpeg)[frame + at]); };
  EXPECT_EQ(byte(5) * 256 + byte(6), domain::photo_side);
  EXPECT_EQ(byte(7) * 256 + byte(8), domain::photo_side);

  EXPECT_TRUE(photos.remove_photo(db(), actor(town.anna, domain::Role::professional), town.anna));
  EXPECT_FALSE(photos.face(db(), town.anna)->jpeg);
  EXPECT_FALSE(photos.remove_photo(db(), actor(town.anna, domain::Role::professional), town.anna));
}

TEST_P(PhotoServiceTest, EachBadUploadNamesThePhotoAndWhy) {
  EXPECT_EQ(problem(""), "photo:photo.empty");
  EXPECT_EQ(problem("GIF89a" + std::string(100, '\0')), "photo:photo.unknown_type");
  EXPECT_EQ(problem(tiny_png().substr(0, 40)), "photo:photo.corrupt");
  EXPECT_EQ(problem("\x89PNG\r\n\x1a\n" + std::string(domain::photo_max_bytes, 'x')), "photo:photo.too_large");
  EXPECT_EQ(testing::count_rows(db(), "user_photos"), 0) << "nothing of a refused upload is kept";
}

TEST_P(PhotoServiceTest, OnlyOneselfOrTheAdministratorSetsAPhoto) {
  EXPECT_THROW(photos.set_photo(db(), actor(town.bilal, domain::Role::professional), town.anna, tiny_png()),
               service::Forbidden);
  EXPECT_THROW(photos.set_photo(db(), actor(town.lead_a, domain::Role::teamlead), town.anna, tiny_png()),
               service::Forbidden);
  EXPECT_NO_THROW(photos.set_photo(db(), actor(50, domain::Role::admin), town.anna, tiny_png()));
  EXPECT_THROW(photos.set_photo(db(), actor(50, domain::Role::admin), 51, tiny_png()), service::NotFound)
      << "a resident has no photo here";
  EXPECT_THROW(photos.set_photo(db(), actor(50, domain::Role::admin), 999, tiny_png()), service::NotFound);
  EXPECT_FALSE(photos.face(db(), 51)) << "nor a face: not even initials of a resident";
  EXPECT_FALSE(photos.face(db(), 50)) << "nor the administrator's";
  storage::exec(db(), "UPDATE users SET active = 0 WHERE id = ?", town.anna);
  EXPECT_FALSE(photos.face(db(), town.anna)) << "nor someone who left";
  EXPECT_FALSE(photos.face(db(), 999));
}

TEST_P(PhotoServiceTest, EveryChangeIsInTheTrail) {
  photos.set_photo(db(), actor(town.anna, domain::Role::professional), town.anna, tiny_png());
  photos.set_photo(db(), actor(50, domain::Role::admin), town.bilal, tiny_png());
  photos.remove_photo(db(), actor(50, domain::Role::admin), town.bilal);
  auto rows =
      storage::query(db(), "SELECT actor_user_id, action, purpose FROM audit_log WHERE part = 'photo' ORDER BY seq");
  std::vector<std::string> entries;
  while (rows->step()) entries.push_back(std::to_string(rows->int64(0)) + " " + rows->text(1) + " " + rows->text(2));
  EXPECT_EQ(entries, (std::vector<std::string>{"10 change own photo", "50 change administrator: photo of user 11",
                                               "50 delete administrator: photo of user 11"}));
}

GEZICHT_ON_BOTH_BACKENDS(PhotoServiceTest);

}  // namespace
}  // namespace gezicht
