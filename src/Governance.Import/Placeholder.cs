namespace Governance.Import; internal static class Placeholder { }
