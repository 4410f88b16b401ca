namespace RemissFlow.Core.Tests.Foundation;

public sealed class UseCaseCatalogTests
{
    [Test]
    public void Every_request_has_one_handler_every_command_a_validator_and_every_request_an_authorization_rule()
    {
        Assert.That(UseCaseCatalog.RequestTypes, Is.Not.Empty);
        Assert.That(UseCaseCatalog.Check(), Is.Empty);
    }
}
