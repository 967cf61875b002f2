namespace Governance.Cli.Tests;

/// <summary>A folder where a file is expected (a waiver file, a rule pack, an entitlement file), a missing file or an empty
/// path is an input error: exit code 2, the message, no stack trace.</summary>
public sealed class BadPathTests : CliFixture
{
    [Test]
    public void Check_AFolderAsWaivers_IsInputError_NamingIt()
    {
        ExampleFiles();
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "waivers")).FullName;
        var args = new List<string> { "check", "--waivers", folder };
        args.AddRange(ExampleInputs());
        var (code, output, err) = Run(args.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("GOV9005").And.Contain(folder + ": this is a folder, not a file; expected a waiver file"));
            Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void Check_AFolderAsAPack_IsInputError_NamingIt()
    {
        var dir = ExampleFiles();
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "packs.rulepack.json")).FullName;
        var (code, output, err) = Run("check", Path.Combine(dir, "acme-mesh.snapshot.json"), "--pack", folder);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("GOV9002").And.Contain(folder + ": this is a folder, not a file; expected a rule pack manifest"));
            Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [TestCase("folder", "this is a folder, not a file")]
    [TestCase("missing", "the file does not exist")]
    [TestCase("empty", "the path is empty")]
    public void Simulate_EntitlementsNotAFile_IsInputError_NamingIt(string kind, string problem)
    {
        var path = kind switch
        {
            "folder" => Directory.CreateDirectory(Path.Combine(Dir, "entitlements.json")).FullName,
            "missing" => Path.Combine(Dir, "no-such-entitlements.json"),
            _ => "",
        };
        var (code, output, err) = Run("simulate", "--role", "ANALYST", "--entitlements", path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("GOV9011").And.Contain(path + ": " + problem + "; expected an entitlement file"));
            Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        });
    }
}
