using System.Text.RegularExpressions;

namespace Governance.Analyzers.Tests;

/// <summary>Every descriptor is documented, tracked in AnalyzerReleases, and fixable where a fix is promised.</summary>
public sealed class MetaTests
{
    private static readonly IReadOnlyList<Microsoft.CodeAnalysis.DiagnosticDescriptor> Descriptors = new GovernanceAnalyzer().SupportedDiagnostics;

    [Test]
    public void EveryDescriptor_HasAHelpLinkToAnExistingRulePage()
    {
        foreach (var d in Descriptors)
        {
            Assert.That(d.HelpLinkUri, Is.EqualTo(GovCatalog.HelpBaseUri + d.Id + ".md"), d.Id);
            Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "docs", "rules", d.Id + ".md")), Is.True, d.Id + " has no docs/rules page");
        }
    }

    [Test]
    public void EveryDescriptor_IsListedInAnalyzerReleases_WithItsCategoryAndSeverity()
    {
        var text = string.Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "releases"), "AnalyzerReleases.*.md").Select(File.ReadAllText));
        var rows = Regex.Matches(text, @"^(GOV\d{4})\s*\|\s*([\w.]+)\s*\|\s*(\w+)\s*\|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Category: m.Groups[2].Value, Severity: m.Groups[3].Value));
        Assert.That(rows.Keys, Is.EquivalentTo(Descriptors.Select(d => d.Id)), "the releases list exactly the descriptors");
        foreach (var d in Descriptors)
            Assert.That(rows[d.Id], Is.EqualTo((d.Category, d.DefaultSeverity.ToString())), d.Id);
    }

    [Test]
    public void Descriptors_CoverEveryCatalogIdButThePlanWaiverSnapshotFileEntitlementImportAndAccountStateOnes()
        => Assert.That(GovCatalog.All.Select(d => d.Id).Except(Descriptors.Select(d => d.Id)),
            Is.EquivalentTo(new[]
            {
                GovIds.InvalidSnapshot,
                GovIds.MaskedValueTooLong, GovIds.TagPolicyMissingForType, GovIds.TagPoliciesCollide, GovIds.MaskingNotAttachable,
                GovIds.MaskingOnMaterializedViewSource, GovIds.MaterializedViewLineageMissing, GovIds.RowAccessNotAttachable,
                GovIds.RowAccessOnMaterializedViewSource, GovIds.ColumnInMaskingAndRowAccess, GovIds.EntitlementTableTagMasked,
                GovIds.InvalidWaivers, GovIds.WaiverExpired, GovIds.WaiverUnused, GovIds.WaiverTooBroad, GovIds.UndefinedRole,
                GovIds.InvalidEntitlements, GovIds.InvalidDbtArtifact, GovIds.InvalidDataContract, GovIds.InvalidSnowflakeCatalog, GovIds.InvalidImportMapping,
                GovIds.InvalidStateFile, GovIds.ForeignObject, GovIds.ForeignAttachment, GovIds.MultiValueTag, GovIds.PropagatingTag,
            }));

    [Test]
    public void EveryDescriptor_TakesItsTitleAndDescriptionFromTheCatalog()
    {
        foreach (var d in Descriptors)
        {
            var gov = GovCatalog.Get(d.Id);
            Assert.That((d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo((gov.Title, gov.Description)), d.Id);
        }
    }
}
