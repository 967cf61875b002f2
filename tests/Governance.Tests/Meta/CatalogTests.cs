using System.Text.RegularExpressions;

namespace Governance.Tests.Meta;

public class CatalogTests
{
    private static string DocsDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "docs");

    [Test]
    public void EveryGovId_HasADocsPageWhoseHeadingIsItsTitle()
    {
        foreach (var d in GovCatalog.All)
        {
            var page = Path.Combine(DocsDir, "rules", d.Id + ".md");
            Assert.That(File.Exists(page), Is.True, d.Id + " has no docs/rules page");
            Assert.That(File.ReadLines(page).First(), Is.EqualTo("# " + d.Id + ": " + d.Title));
        }
    }

    [Test]
    public void EveryHelpUri_PointsAtItsDocsPage()
        => Assert.That(GovCatalog.All.Select(d => d.HelpUri), Has.All.Match(@"/docs/rules/GOV\d{4}\.md$"));

    /// <summary>One configurable base: the build's <c>GovernanceDocsUrl</c>, recorded in the assembly, makes every help link.</summary>
    [Test]
    public void HelpLinks_ComeFromTheDocsUrlTheBuildRecorded()
    {
        var recorded = System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(typeof(GovCatalog).Assembly)
            .Single(a => a.Key == "GovernanceDocsUrl").Value;
        Assert.That(GovCatalog.DocsUrl, Is.EqualTo(recorded));
        Assert.That(GovCatalog.All.Select(d => d.HelpUri), Has.All.StartWith(recorded + "rules/"));
    }

    [Test]
    public void IdsAreUniqueAndInTheirCategorysRange()
    {
        Assert.That(GovCatalog.All.Select(d => d.Id), Is.Unique);
        foreach (var d in GovCatalog.All)
        {
            var expected = d.Category switch { "Masking" => '1', "RowAccess" => '2', "Tagging" => '3', "Naming" => '4', _ => '9' };
            Assert.That(d.Id[3], Is.EqualTo(expected), d.Id + " is in category " + d.Category);
        }
    }

    [Test]
    public void EveryGovConstant_IsInTheCatalog()
    {
        var constants = typeof(GovIds).GetFields().Select(f => (string)f.GetValue(null)!);
        Assert.That(constants, Is.EquivalentTo(GovCatalog.All.Select(d => d.Id)));
    }

    [Test]
    public void NoDocsPage_DescribesAnUnknownId()
    {
        var pages = Directory.GetFiles(Path.Combine(DocsDir, "rules"), "GOV*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.That(pages, Is.EquivalentTo(GovCatalog.All.Select(d => d.Id)));
    }

    [Test]
    public void MessagesFollowTheStyleGuide_LowercaseNoTrailingPeriod()
    {
        foreach (var d in GovCatalog.All.Where(d => d.MessageFormat != "{0}"))
        {
            var sample = Regex.Replace(d.MessageFormat, @"\{\d\}", "x");
            Assert.That(char.IsLower(sample[0]), Is.True, d.Id + ": " + d.MessageFormat);
            Assert.That(sample.EndsWith('.'), Is.False, d.Id);
        }
    }
}
