using System.Data.Common;

using Governance.Simulation.Emulation;

namespace Governance.Simulation;

/// <summary>
/// A statement the emulated account refuses, with the message Snowflake gives where its documentation or public issues
/// show it (<c>SQL compilation error: …</c>), Snowflake's error code (<see cref="System.Runtime.InteropServices.ExternalException.ErrorCode"/>,
/// for example 2003 for an object that does not exist and 3529 for a column that already has a masking policy) and
/// SQLSTATE. <see cref="IsTransient"/> is true only for the failure <c>GOVERNANCE_EMULATOR_FAIL_AFTER</c> injects.
/// </summary>
public sealed class EmulatorException : DbException
{
    private readonly bool _transient;
    private readonly string _sqlState;

    /// <summary>Creates the exception: the message as the server would give it, its error code and SQLSTATE.</summary>
    public EmulatorException(string message, int errorCode, string sqlState, bool isTransient = false) : base(message, errorCode)
    {
        _sqlState = sqlState ?? throw new ArgumentNullException(nameof(sqlState));
        _transient = isTransient;
    }

    /// <summary>A compilation error (error code 2043, SQLSTATE 42000).</summary>
    public EmulatorException(string message) : this(message, ErrorCodes.Compilation, "42000") { }

    /// <summary>A compilation error caused by <paramref name="inner"/>.</summary>
    public EmulatorException(string message, Exception inner) : base(message, inner)
    {
        _sqlState = "42000";
        HResult = ErrorCodes.Compilation;
    }

    /// <summary>An unspecified compilation error.</summary>
    public EmulatorException() : this("SQL compilation error") { }

    /// <inheritdoc />
    public override bool IsTransient => _transient;

    /// <inheritdoc />
    public override string SqlState => _sqlState;
}
