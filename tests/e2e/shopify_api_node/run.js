'use strict';
// Drives a Station store's Admin API with shopify-api-node, the npm client apps use against
// Shopify. The client is pointed at the test server by overwriting its baseUrl (it has no option
// for a custom host) and sending the store's Host header. Exits non-zero on the first failure.
//
// Environment: STATION_PORT, STATION_STORE_HOST, STATION_TOKEN, RECEIVER_URL.

const assert = require('node:assert/strict');
const Shopify = require('shopify-api-node');

const port = Number(process.env.STATION_PORT);
const storeHost = process.env.STATION_STORE_HOST;
const receiverUrl = process.env.RECEIVER_URL;

const shopify = new Shopify({
  shopName: storeHost.split('.')[0],
  accessToken: process.env.STATION_TOKEN,
  apiVersion: '2024-10',
  // Waits out 429 Retry-After answers, as production apps configure it.
  maxRetries: 5
});
// index.js builds every request URL as { pathname, ...this.baseUrl }.
shopify.baseUrl = { protocol: 'http:', hostname: '127.0.0.1', port };
shopify.baseHeaders.Host = storeHost;

let limits;
shopify.on('callLimits', (l) => { limits = l; });

async function products() {
  const created = await shopify.product.create({
    title: 'Node Tee',
    vendor: 'Acme',
    tags: 'node, e2e',
    options: [{ name: 'Size' }],
    variants: [
      { option1: 'S', price: '10.00', sku: 'NT-S', inventory_management: 'shopify', inventory_quantity: 3 },
      { option1: 'M', price: '12.50', sku: 'NT-M' }
    ]
  });
  assert.equal(created.handle, 'node-tee');
  assert.equal(created.variants.length, 2);
  assert.equal(created.variants[1].price, '12.50');
  assert.equal(limits.max, 40);

  const updated = await shopify.product.update(created.id, { title: 'Node Tee 2' });
  assert.equal(updated.title, 'Node Tee 2');
  assert.equal(updated.vendor, 'Acme');

  const variant = await shopify.productVariant.create(created.id, { option1: 'L', price: '14.00' });
  assert.equal(variant.title, 'L');
  const variants = await shopify.productVariant.list(created.id);
  assert.equal(variants.length, 3);
  const changed = await shopify.productVariant.update(variant.id, { price: '15.00' });
  assert.equal(changed.price, '15.00');
  await shopify.productVariant.delete(created.id, variant.id);

  const image = await shopify.productImage.create(created.id, {
    attachment: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    filename: 'dot.png'
  });
  assert.equal(image.width, 1);
  assert.equal(await shopify.productImage.count(created.id), 1);

  // Cursor pagination through the Link header, as apps page through catalogs.
  for (let i = 0; i < 5; i++) await shopify.product.create({ title: `Filler ${i}` });
  assert.equal(await shopify.product.count(), 6);
  const seen = [];
  let params = { limit: 4 };
  do {
    const page = await shopify.product.list(params);
    seen.push(...page.map((p) => p.id));
    params = page.nextPageParameters;
  } while (params !== undefined);
  assert.equal(seen.length, 6);
  assert.equal(new Set(seen).size, 6);

  await assert.rejects(shopify.product.get(999999), (err) => err.response.statusCode === 404);
  await assert.rejects(shopify.product.create({ title: '' }), (err) => err.response.statusCode === 422);
  return created;
}

async function collections(product) {
  const custom = await shopify.customCollection.create({ title: 'Node picks' });
  const collect = await shopify.collect.create({ collection_id: custom.id, product_id: product.id });
  assert.equal(collect.position, 1);
  assert.equal(await shopify.collect.count({ collection_id: custom.id }), 1);
  const smart = await shopify.smartCollection.create({
    title: 'E2E tagged',
    rules: [{ column: 'tag', relation: 'equals', condition: 'e2e' }]
  });
  const members = await shopify.collection.products(smart.id);
  assert.deepEqual(members.map((p) => p.id), [product.id]);
  await shopify.collect.delete(collect.id);
  await shopify.smartCollection.delete(smart.id);
  assert.equal(await shopify.smartCollection.count(), 0);
}

async function customers() {
  const customer = await shopify.customer.create({
    first_name: 'Node',
    last_name: 'Client',
    email: 'node@example.test',
    tags: 'e2e',
    addresses: [{ address1: '1 Main St', city: 'Lisbon', country_code: 'PT' }]
  });
  assert.equal(customer.addresses.length, 1);
  const found = await shopify.customer.search({ query: 'email:node@example.test' });
  assert.deepEqual(found.map((c) => c.id), [customer.id]);
  const address = await shopify.customerAddress.create(customer.id, { address1: '2 Side St', city: 'Porto', country_code: 'PT' });
  await shopify.customerAddress.default(customer.id, address.id);
  const again = await shopify.customer.get(customer.id);
  assert.equal(again.default_address.id, address.id);
  assert.equal((await shopify.customerAddress.list(customer.id)).length, 2);
  await shopify.customer.update(customer.id, { note: 'from node' });
  assert.equal(await shopify.customer.count(), 1);
}

async function inventory(product) {
  const [location] = await shopify.location.list();
  const itemId = product.variants[0].inventory_item_id;
  const levels = await shopify.inventoryLevel.list({ inventory_item_ids: String(itemId) });
  assert.equal(levels[0].available, 3);
  const adjusted = await shopify.inventoryLevel.adjust({
    location_id: location.id, inventory_item_id: itemId, available_adjustment: 4
  });
  assert.equal(adjusted.available, 7);
  const set = await shopify.inventoryLevel.set({ location_id: location.id, inventory_item_id: itemId, available: 1 });
  assert.equal(set.available, 1);
  const item = await shopify.inventoryItem.update(itemId, { cost: '4.20', harmonized_system_code: '610910' });
  assert.equal(item.cost, '4.20');
  const items = await shopify.inventoryItem.list({ ids: String(itemId) });
  assert.equal(items[0].harmonized_system_code, '610910');
}

async function webhooks() {
  const hook = await shopify.webhook.create({ topic: 'products/update', address: receiverUrl, format: 'json' });
  assert.equal(hook.topic, 'products/update');
  assert.equal((await shopify.webhook.list()).length, 1);
  const product = await shopify.product.create({ title: 'Hook me' });
  await shopify.product.update(product.id, { title: 'Hooked by node' });
  const events = await shopify.event.list({ limit: 250 });
  assert.ok(events.some((e) => e.topic === 'products/update'));
  assert.equal(await shopify.webhook.count(), 1);
}

(async () => {
  const product = await products();
  await collections(product);
  await customers();
  await inventory(product);
  await webhooks();
  console.log('shopify-api-node: all checks passed');
})().catch((err) => {
  console.error(err && err.response ? `${err.message}: ${JSON.stringify(err.response.body)}` : err);
  process.exit(1);
});
