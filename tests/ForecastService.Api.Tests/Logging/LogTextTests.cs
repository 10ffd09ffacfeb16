using ForecastService.Api.Logging;

namespace ForecastService.Api.Tests.Logging;

public sealed class LogTextTests
{
    [Fact]
    public void Escape_EncodedNewlineInPath_StaysOnOneLine()
    {
        var escaped = LogText.Escape("/v1/models/a\nINFO fake\r\u001b[31m");

        Assert.Equal("/v1/models/a\\u000aINFO fake\\u000d\\u001b[31m", escaped);
    }

    [Fact]
    public void Escape_LongText_CutTo512CharactersAndMarked()
    {
        var escaped = LogText.Escape(new string('x', 5000));

        Assert.Equal(513, escaped.Length);
        Assert.EndsWith("…", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_NestedExceptionsWithPaths_TypesAndMessagesWithoutDirectoriesOrFrames()
    {
        Exception thrown;
        try
        {
            try
            {
                throw new FileNotFoundException("Could not find file '/srv/secret/models/x/1/model.onnx'.");
            }
            catch (FileNotFoundException inner)
            {
                throw new InvalidOperationException(@"Loading C:\data\models failed (see /var/log/app.log)", inner);
            }
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var summary = LogText.Summarize(thrown);

        Assert.Equal(
            "InvalidOperationException: Loading …/models failed (see …/app.log) ---> FileNotFoundException: Could not find file '…/model.onnx'.",
            summary);
        Assert.NotNull(thrown.StackTrace);
        Assert.DoesNotContain(" at ", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no paths here", "no paths here")]
    [InlineData("route /v1 stays", "route /v1 stays")]
    [InlineData("ratio 3/4 is not a path", "ratio 3/4 is not a path")]
    [InlineData("file=/etc/forecast/keys.txt, retry", "file=…/keys.txt, retry")]
    public void RedactPaths_OnlyAbsoluteMultiSegmentPaths_Cut(string text, string expected) =>
        Assert.Equal(expected, LogText.RedactPaths(text));
}
