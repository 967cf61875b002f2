using FsCheck;
using FsCheck.Fluent;
using Governance.State;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.State;

/// <summary>The laws of the state file over generated states whose names, values, comments and bodies are hostile strings.</summary>
public sealed class StatePropertyTests
{
    private static Arbitrary<AccountState> States => Arb.From(StateGen.State());

    [Property(MaxTest = 300)]
    public Property StateFile_RoundTrip_GivesAnEqualState() => Prop.ForAll(States, state =>
    {
        var json = StateFile.Write(state);
        var back = StateFile.Read(json, "state.json");
        Assert.That(back, Is.EqualTo(state), json);
    });

    [Property(MaxTest = 300)]
    public Property StateFile_IsCanonical_WritingWhatWasReadGivesTheSameBytes() => Prop.ForAll(States, state =>
    {
        var json = StateFile.Write(state);
        Assert.That(StateFile.Write(StateFile.Read(json)), Is.EqualTo(json));
    });

    [Property(MaxTest = 200)]
    public Property State_DoesNotDependOnTheOrderItsPartsAreGivenIn() => Prop.ForAll(States, Arb.From(Gen.Choose(0, int.MaxValue)), (state, seed) =>
    {
        var random = new Random(seed);
        IEnumerable<T> Shuffle<T>(IEnumerable<T> items) => items.OrderBy(_ => random.Next()).ToList();
        var shuffled = new AccountState(
            new StateScope(state.Scope.PolicySchema, state.Scope.TagSchema, Shuffle(state.Scope.Datasets)),
            Shuffle(state.Tags), Shuffle(state.MaskingPolicies), Shuffle(state.RowAccessPolicies), Shuffle(state.ColumnMasking), Shuffle(state.RowAccess),
            Shuffle(state.TagMasking), Shuffle(state.TagAssignments));
        Assert.Multiple(() =>
        {
            Assert.That(shuffled, Is.EqualTo(state));
            Assert.That(shuffled.GetHashCode(), Is.EqualTo(state.GetHashCode()));
            Assert.That(StateFile.Write(shuffled), Is.EqualTo(StateFile.Write(state)));
        });
    });

    [Property(MaxTest = 200)]
    public Property DriftReport_ListsExactlyTheUnmarkedObjectsOfTheToolsSchemas() => Prop.ForAll(States, state =>
    {
        var reported = StateDrift.Findings(state).Where(f => f.Id == GovIds.ForeignObject).Select(f => f.Target).ToList();
        var unmarked = state.Tags.Where(t => state.Scope.TagSchema.Contains(t.Name) && !Ownership.IsMarked(t.Comment)).Select(t => t.Name.ToString())
            .Concat(state.MaskingPolicies.Concat(state.RowAccessPolicies).Where(p => state.Scope.PolicySchema.Contains(p.Name) && !Ownership.IsMarked(p.Comment)).Select(p => p.Name.ToString()));
        Assert.That(reported, Is.EquivalentTo(unmarked));
    });
}
