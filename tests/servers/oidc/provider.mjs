// A real OpenID provider (oidc-provider, an OpenID-certified implementation) for stacdesk's tests.
//
// Why: login flows and token refresh are only worth testing against a provider that enforces the
// protocol: PKCE, loopback redirects for native apps (RFC 8252), the device authorization grant,
// refresh-token rotation with reuse detection and short access-token lifetimes. The one thing
// replaced is the human: /interaction/:uid logs the fixed test user in and consents at once, so a
// test "browser" (an HTTP client that follows redirects and submits forms) completes a login.
// Keycloak's password grant (direct access grants, as Copernicus Data Space documents for
// scripts) is not part of oidc-provider and is registered here as an extension grant.
//
// Settings from the environment: PORT, ACCESS_TTL (seconds, default 60), USERNAME, PASSWORD.
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.PORT || 0);
const issuer = `http://127.0.0.1:${port}`;
const accessTtl = Number(process.env.ACCESS_TTL || 60);
const username = process.env.USERNAME || 'analyst';
const password = process.env.PASSWORD || 'correct horse';
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

const publicClient = (clientId) => ({
  client_id: clientId,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token', DEVICE_CODE, 'password'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/callback'],
});

const configuration = {
  clients: [
    publicClient('stacdesk'),
    publicClient('cdse-public'),
    // the protected STAC API asks the provider whether an access token is active
    {
      client_id: 'stac-api',
      client_secret: 'stac-api-secret',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ],
  features: {
    devInteractions: { enabled: false },
    deviceFlow: {
      enabled: true,
      userCodeInputSource: async (ctx, form) => { ctx.body = `<html><body>${form}</body></html>`; },
      userCodeConfirmSource: async (ctx, form) => { ctx.body = `<html><body>${form}</body></html>`; },
      successSource: async (ctx) => { ctx.body = '<html><body>Signed in.</body></html>'; },
    },
    introspection: { enabled: true },
    revocation: { enabled: true },
  },
  pkce: { required: () => true },
  ttl: {
    AccessToken: accessTtl,
    AuthorizationCode: 60,
    DeviceCode: 600,
    Grant: 86400,
    IdToken: 3600,
    Interaction: 600,
    RefreshToken: 86400,
    Session: 86400,
  },
  rotateRefreshToken: true,
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['stacdesk-test-cookie-key'] },
};

const provider = new Provider(issuer, configuration);

// The user: logged in and consenting to whatever the client asked for.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { prompt, params } = details;
  let result;
  if (prompt.name === 'login') {
    result = { login: { accountId: username } };
  } else {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
  return undefined;
});

// Keycloak's direct access grant: user name and password for an access and a refresh token.
provider.registerGrantType('password', async (ctx) => {
  const { client } = ctx.oidc;
  const params = ctx.oidc.params;
  if (params.username !== username || params.password !== password) {
    throw new errors.InvalidGrant('Invalid user credentials');
  }
  const grant = new provider.Grant({ accountId: username, clientId: client.clientId });
  grant.addOIDCScope('openid');
  const grantId = await grant.save();
  const common = { accountId: username, client, grantId, scope: 'openid', gty: 'password' };
  const access = new provider.AccessToken(common);
  const refresh = new provider.RefreshToken(common);
  ctx.body = {
    access_token: await access.save(),
    expires_in: access.expiration,
    token_type: 'Bearer',
    refresh_token: await refresh.save(),
    scope: 'openid',
  };
}, ['username', 'password', 'scope']);

provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready at ${issuer}`));
