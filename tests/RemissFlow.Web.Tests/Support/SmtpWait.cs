using RemissFlow.Core.Bench;

namespace RemissFlow.Web.Tests.Support;

public static class SmtpWait
{
    /// <summary>The outbox sends in the background: the message arrives within seconds, or the test fails saying so.</summary>
    public static async Task<ReceivedEmail> WaitForAsync(Func<ReceivedEmail?> find)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        Assert.Fail("Inget e-postmeddelande kom fram till SMTP-mottagaren inom 30 sekunder.");
        return null!;
    }
}
