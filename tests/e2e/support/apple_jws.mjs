// Apple-style signed data for end-to-end tests: a root CA, an intermediate and a leaf made at test
// time (EC P-256, with the OIDs Apple's certificates carry), and compact ES256 JWS with the x5c
// chain in the header, as App Store Server Notifications v2, signed transactions and renewal
// info arrive. Certificates by the openssl CLI (node:crypto cannot issue them), signing by jose.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompactSign, importPKCS8 } from 'jose';

export const APPLE_LEAF_OID = '1.2.840.113635.100.6.11.1';
export const APPLE_INTERMEDIATE_OID = '1.2.840.113635.100.6.2.1';

const openssl = (dir, ...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

// One certificate: a fresh P-256 key, signed by `issuer` (or by itself), valid from `days`
// [before, after] relative to now; `ext` is an openssl extension section's body.
function issue(dir, name, { issuer, ext, days = [-1, 30] }) {
  openssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.ec.pem`);
  openssl(dir, 'pkcs8', '-topk8', '-nocrypt', '-in', `${name}.ec.pem`, '-out', `${name}.key`);
  writeFileSync(path.join(dir, `${name}.ext`), `[v3]\n${ext}\n`);
  openssl(dir, 'req', '-new', '-key', `${name}.key`, '-subj', `/CN=Test ${name}`,
    '-out', `${name}.csr`);
  const day = 24 * 3600 * 1000;
  const stamp = (offset) => new Date(Date.now() + offset * day).toISOString()
    .replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // `openssl x509 -req` cannot backdate; `openssl ca` can, with a throwaway database.
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'ca.cnf'), [
    '[ca]', 'default_ca = d', '[d]', 'database = index.txt', `new_certs_dir = .`,
    'default_md = sha256', 'policy = p', 'unique_subject = no', 'rand_serial = yes',
    'copy_extensions = none', '[p]', 'commonName = supplied'].join('\n'));
  const signer = issuer ?? { cert: null, key: `${name}.key` };
  openssl(dir, 'ca', '-batch', '-config', 'ca.cnf', '-in', `${name}.csr`, '-out', `${name}.pem`,
    '-keyfile', signer.key, ...(issuer ? ['-cert', issuer.cert] : ['-selfsign']),
    '-startdate', stamp(days[0]), '-enddate', stamp(days[1]), '-extfile', `${name}.ext`,
    '-extensions', 'v3', '-notext');
  const pem = readFileSync(path.join(dir, `${name}.pem`), 'utf8');
  const der = openssl(dir, 'x509', '-in', `${name}.pem`, '-outform', 'DER');
  return { cert: `${name}.pem`, key: `${name}.key`, pem, x5c: der.toString('base64'),
    keyPem: readFileSync(path.join(dir, `${name}.key`), 'utf8') };
}

/**
 * Makes a root -> intermediate -> leaf hierarchy. `leafDays` sets the leaf's validity in days
 * relative to now ([-2, -1]: expired yesterday). Resolves to {rootPem, rootFile, sign(payload,
 * {alg, x5c}), close()}; rootFile is a PEM path for the server's configuration (kept until
 * close()). sign() answers the compact JWS of the payload object.
 */
export async function makeAppleSigner({ leafDays = [-1, 30], leafOid = true } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ugoki-apple-'));
  const root = issue(dir, 'root', {
    ext: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign', days: [-2, 365] });
  const intermediate = issue(dir, 'intermediate', { issuer: root, days: [-2, 365],
    ext: `basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n${APPLE_INTERMEDIATE_OID}=ASN1:NULL` });
  const leaf = issue(dir, 'leaf', { issuer: intermediate, days: leafDays,
    ext: `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature${leafOid ? `\n${APPLE_LEAF_OID}=ASN1:NULL` : ''}` });
  const leafKey = await importPKCS8(leaf.keyPem, 'ES256');
  return {
    rootPem: root.pem,
    rootFile: path.join(dir, root.cert),
    chain: [leaf.x5c, intermediate.x5c, root.x5c],
    async sign(payload, { alg = 'ES256', x5c = [leaf.x5c, intermediate.x5c, root.x5c] } = {}) {
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg, x5c })
        .sign(leafKey);
    },
    close() { rmSync(dir, { recursive: true, force: true }); },
  };
}
