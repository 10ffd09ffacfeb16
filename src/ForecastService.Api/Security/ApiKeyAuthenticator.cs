using System.Security.Cryptography;
using System.Text;

namespace ForecastService.Api.Security;

/// <summary>
/// Checks a supplied API key against the configured one in constant time. Both sides are hashed first so the
/// comparison takes the same time whatever the length or content of the guess; only the hash is kept in memory.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    private readonly byte[]? _expectedHash;

    public ApiKeyAuthenticator(ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Enabled)
        {
            // The validator has refused this already; checked again so no path can ever accept an empty key.
            var key = ReadKey(options);
            if (key.Length < ApiKeyOptions.MinKeyLength)
            {
                throw new InvalidOperationException($"An enabled API key must be at least {ApiKeyOptions.MinKeyLength} characters.");
            }

            _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        }
    }

    /// <summary>Gets a value indicating whether a key is required.</summary>
    public bool IsEnabled => _expectedHash is not null;

    /// <summary>The configured key: the secret file's content when set, else the inline key; empty when neither.</summary>
    public static string ReadKey(ApiKeyOptions options) =>
        !string.IsNullOrWhiteSpace(options.KeyFile) ? File.ReadAllText(options.KeyFile).Trim() : options.Key?.Trim() ?? string.Empty;

    /// <summary>True when no key is required, or when <paramref name="request"/> carries the right one.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        if (_expectedHash is null)
        {
            return true;
        }

        var supplied = request.Headers[ApiKeyOptions.HeaderName];
        if (supplied.Count != 1 || string.IsNullOrEmpty(supplied[0]))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(supplied[0]!), actual);
        return CryptographicOperations.FixedTimeEquals(actual, _expectedHash);
    }
}
