// The namespaces most page models and endpoints read (MVC and Razor Pages, authorization, the domain, the
// DbContext, the mediator, the signed-in user and the form helpers): declared once here instead of in each file.
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using RemissFlow.Core.Domain;
global using RemissFlow.Core.Mediation;
global using RemissFlow.Core.Persistence;
global using RemissFlow.Web.Presentation;
global using RemissFlow.Web.Security;
