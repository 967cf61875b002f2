using System.Xml.Linq;

namespace Governance.Tests.Meta;

/// <summary>The JSON Schema library of the project is JsonSchema.Net 8.0.5 with Json.More.Net 2.2.0, and only that.</summary>
public sealed class DependencyTests
{
    private static IEnumerable<string> ProjectFiles() =>
        new[] { "src", "tests", "benchmarks", "analyzers" }
            .SelectMany(d => Directory.EnumerateFiles(TestFiles.Source(d), "*.csproj", SearchOption.AllDirectories))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Append(TestFiles.Source("Directory.Packages.props"))
            .Append(TestFiles.Source("Directory.Build.props"));

    [Test]
    public void NJsonSchema_IsReferencedNowhere()
    {
        var references = ProjectFiles()
            .SelectMany(f => XDocument.Load(f).Descendants()
                .Where(e => e.Name.LocalName is "PackageReference" or "PackageVersion")
                .Select(e => (File: Path.GetRelativePath(TestFiles.Source(), f), Package: (string?)e.Attribute("Include") ?? "")))
            .ToList();
        Assert.That(references, Is.Not.Empty, "the project files were found");
        Assert.That(references.Where(r => r.Package.StartsWith("NJsonSchema", StringComparison.OrdinalIgnoreCase) || r.Package.StartsWith("Newtonsoft", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public void JsonSchemaNet_IsPinnedToTheVersionsTheProjectMayUse()
    {
        var versions = XDocument.Load(TestFiles.Source("Directory.Packages.props")).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        Assert.That((versions["JsonSchema.Net"], versions["Json.More.Net"]), Is.EqualTo(("8.0.5", "2.2.0")), "later majors charge companies a fee");
    }

    /// <summary>The library references no JSON Schema library (the package test checks the tool package's files).</summary>
    [Test]
    public void TheLibrary_ReferencesNoJsonSchemaLibrary()
    {
        Assert.That(typeof(RulePackLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("NJsonSchema").And.None.StartsWith("Newtonsoft").And.None.StartsWith("JsonSchema"));
    }
}
