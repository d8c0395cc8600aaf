#include <gtest/gtest.h>

#include <filesystem>

#include "../run_command.h"
#include "report/artifact_uri.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

TEST(ArtifactUri, PercentEncodesWhatAUriPathCannotHold) {
  EXPECT_EQ(percent_encode_path("db/migrations/0003_add-col.sql"), "db/migrations/0003_add-col.sql");
  EXPECT_EQ(percent_encode_path("a b/c#d?e%f:g"), "a%20b/c%23d%3Fe%25f%3Ag");
  EXPECT_EQ(percent_encode_path("café"), "caf%C3%A9");
  EXPECT_EQ(percent_encode_path("back\\slash"), "back%5Cslash");
}

TEST(ArtifactUri, RelativeInsideTheRootAbsoluteOutside) {
  const fs::path root = fs::canonical(testing::make_temp_dir("uri-root"));
  testing::write_file((root / "db/m/0001.sql").string(), "SELECT 1;\n");
  EXPECT_EQ(artifact_uri("db/m/0001.sql", root).uri, "db/m/0001.sql");
  EXPECT_TRUE(artifact_uri("./db/../db/m/0001.sql", root).relative);
  EXPECT_EQ(artifact_uri("./db/../db/m/0001.sql", root).uri, "db/m/0001.sql");
  EXPECT_EQ(artifact_uri((root / "db/m/0001.sql").string(), root).uri, "db/m/0001.sql");
  EXPECT_EQ(artifact_uri("not/there yet.sql", root).uri, "not/there%20yet.sql") << "stdin names need not exist";
  const ArtifactUri outside = artifact_uri("/etc/hostname", root);
  EXPECT_FALSE(outside.relative);
  EXPECT_EQ(outside.uri, "file:///etc/hostname");
  EXPECT_FALSE(artifact_uri("../elsewhere.sql", root).relative);
}

TEST(ArtifactUri, SymlinksAreResolved) {
  const fs::path root = fs::canonical(testing::make_temp_dir("uri-link"));
  testing::write_file((root / "real/0001.sql").string(), "SELECT 1;\n");
  fs::create_directory_symlink(root / "real", root / "link");
  EXPECT_EQ(artifact_uri("link/0001.sql", root).uri, "real/0001.sql");
}

TEST(ArtifactUri, FolderUriEndsWithASlash) {
  EXPECT_EQ(folder_uri("/home/me/my repo"), "file:///home/me/my%20repo/");
  EXPECT_EQ(folder_uri("/"), "file:///");
}

}  // namespace
}  // namespace dsqlint
