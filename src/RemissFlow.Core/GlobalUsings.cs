// The namespaces nearly every use case, query and entity of Core reads (the domain, the DbContext and EF Core,
// the mediator and its validators): declared once here instead of at the top of each file.
global using FluentValidation;
global using Microsoft.EntityFrameworkCore;
global using RemissFlow.Core.Domain;
global using RemissFlow.Core.Mediation;
global using RemissFlow.Core.Persistence;
