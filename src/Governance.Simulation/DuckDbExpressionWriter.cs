using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Simulation;

/// <summary>
/// A compiled policy expression written as DuckDB SQL, from the expression itself rather than from its Snowflake text:
/// the structure and the parentheses as the generator writes them (<see cref="PolicyExpressionWriter"/>), with DuckDB's
/// atoms — identifiers through <see cref="DuckDbText.Identifier"/>, string literals through <see cref="DuckDbText.Literal"/>,
/// every function as its macro of <see cref="SqlFunctions"/> (with its implicit leading argument). The simulation
/// installs each policy of a plan through it.
/// </summary>
internal sealed class DuckDbExpressionWriter : PolicyExpressionWriter
{
    private DuckDbExpressionWriter() { }

    /// <summary>The body as a DuckDB expression, and whether it reads the current column's tags (its macro then takes them).</summary>
    public static (string Sql, bool ReadsColumnTags) Body(PolicyExpression body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var writer = new DuckDbExpressionWriter();
        var sql = writer.Expression(body);
        return (sql, writer._readsColumnTags);
    }

    private bool _readsColumnTags;

    protected override string Identifier(string storedName) => DuckDbText.Identifier(storedName);
    protected override string Qualified(SchemaObjectName name) => DuckDbText.Qualified(name.Database, name.Schema, name.Name);
    protected override string StringLiteral(string value) => DuckDbText.Literal(value);
    protected override string TypedLiteral(Literal literal, SnowflakeTypeKind timestampKind) => SqlText.TypedLiteral(literal, timestampKind, DuckDbText.Literal);
    protected override string FunctionName(SqlFunction function) => function.DuckDbMacro;

    protected override string? ImplicitArgument(SqlFunction function)
    {
        _readsColumnTags |= function.DuckDbImplicitArgument is not null;
        return function.DuckDbImplicitArgument;
    }
}
