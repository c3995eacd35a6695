/**
 * The entities the simulator models, with their wire names (API.md §3.3/§3.4): `<X>Id` server id,
 * `<X>ClientId` client-chosen id, `<X>Code` Mahak desktop code, collection name, cursor field.
 */

export const entityNames = [
  'Stores',
  'CostLevelNames',
  'Settings',
  'PropertyDescriptions',
  'Banks',
  'Visitors',
  'ProductCategories',
  'PersonGroups',
  'Products',
  'ProductDetails',
  'VisitorProducts',
  'ProductDetailStoreAssets',
  'Pictures',
  'PhotoGalleries',
  'People',
  'VisitorPeople',
  'Orders',
  'OrderDetails',
  'Receipts',
  'Cheques',
] as const;

export type EntityName = (typeof entityNames)[number];

export interface EntityDef {
  name: EntityName;
  singular: string;
  idField: string;
  clientIdField?: string;
  codeField?: string;
  /** Desktop-origin rows carry Code = Id + codeOffset, so Codes and Ids never coincide by accident. */
  codeOffset: number;
}

const def = (
  name: EntityName,
  singular: string,
  codeOffset: number,
  opts: { client?: boolean; code?: boolean } = {},
): EntityDef => ({
  name,
  singular,
  idField: `${singular}Id`,
  clientIdField: opts.client === false ? undefined : `${singular}ClientId`,
  codeField: opts.code === false ? undefined : `${singular}Code`,
  codeOffset,
});

export const entityDefs: Record<EntityName, EntityDef> = {
  Stores: def('Stores', 'Store', 0),
  CostLevelNames: def('CostLevelNames', 'CostLevelName', 0),
  Settings: def('Settings', 'Setting', 0),
  PropertyDescriptions: def('PropertyDescriptions', 'PropertyDescription', 0),
  Banks: def('Banks', 'Bank', 10),
  Visitors: def('Visitors', 'Visitor', 0),
  ProductCategories: def('ProductCategories', 'ProductCategory', 100),
  PersonGroups: def('PersonGroups', 'PersonGroup', 0),
  Products: def('Products', 'Product', 1000),
  ProductDetails: def('ProductDetails', 'ProductDetail', 5000),
  VisitorProducts: def('VisitorProducts', 'VisitorProduct', 0, { client: false, code: false }),
  ProductDetailStoreAssets: def('ProductDetailStoreAssets', 'ProductDetailStoreAsset', 0, {
    client: false,
    code: false,
  }),
  Pictures: def('Pictures', 'Picture', 0),
  PhotoGalleries: def('PhotoGalleries', 'PhotoGallery', 0, { client: false, code: false }),
  People: def('People', 'Person', 2000),
  VisitorPeople: def('VisitorPeople', 'VisitorPerson', 0, { client: false, code: false }),
  Orders: def('Orders', 'Order', 0),
  OrderDetails: def('OrderDetails', 'OrderDetail', 0),
  Receipts: def('Receipts', 'Receipt', 0),
  Cheques: def('Cheques', 'Cheque', 0),
};

/** Every `from<X>Version` cursor of RequestAllDataModel (API.md §3.1) with its collection name (§3.2). */
export const cursorCollections: Record<string, string> = Object.fromEntries(
  (
    [
      ['Bank', 'Banks'],
      ['BankGroup', 'BankGroups'],
      ['Currency', 'Currencies'],
      ['Cash', 'Cashes'],
      ['Expense', 'Expenses'],
      ['ExpenseGroup', 'ExpenseGroups'],
      ['Region', 'Regions'],
      ['Checklist', 'Checklists'],
      ['Cheque', 'Cheques'],
      ['ExtraData', 'ExtraDatas'],
      ['OrderDetail', 'OrderDetails'],
      ['Order', 'Orders'],
      ['PersonGroup', 'PersonGroups'],
      ['Person', 'People'],
      ['PersonAddress', 'PersonAddresses'],
      ['Picture', 'Pictures'],
      ['ProductCategory', 'ProductCategories'],
      ['ProductDetail', 'ProductDetails'],
      ['Product', 'Products'],
      ['Receipt', 'Receipts'],
      ['Setting', 'Settings'],
      ['Transaction', 'Transactions'],
      ['Visitor', 'Visitors'],
      ['VisitorCash', 'VisitorCashes'],
      ['VisitorBank', 'VisitorBanks'],
      ['VisitorIncome', 'VisitorIncomes'],
      ['VisitorExpense', 'VisitorExpenses'],
      ['VisitorPerson', 'VisitorPeople'],
      ['VisitorProduct', 'VisitorProducts'],
      ['CostLevelName', 'CostLevelNames'],
      ['NotRegister', 'NotRegisters'],
      ['Promotion', 'Promotions'],
      ['PromotionDetail', 'PromotionDetails'],
      ['PromotionEntity', 'PromotionEntities'],
      ['ReturnReason', 'ReturnReasons'],
      ['TransferAccount', 'TransferAccounts'],
      ['TransferStore', 'TransferStores'],
      ['TransferStoreDetail', 'TransferStoreDetails'],
      ['VisitorLocation', 'VisitorLocations'],
      ['ProductProperty', 'ProductProperties'],
      ['PropertyDescription', 'PropertyDescriptions'],
      ['PropertyDescriptionValue', 'PropertyDescriptionValues'],
      ['Income', 'Incomes'],
      ['IncomeGroup', 'IncomeGroups'],
      ['Project', 'Projects'],
      ['Store', 'Stores'],
      ['PhotoGallery', 'PhotoGalleries'],
      ['ProductDetailStoreAsset', 'ProductDetailStoreAssets'],
      ['Mission', 'Missions'],
      ['MissionDetail', 'MissionDetails'],
      ['Unit', 'Units'],
      ['OrderTaxStatus', 'OrderTaxStatuses'],
      ['Company', 'Companies'],
      ['Payment', 'Payments'],
      ['PaymentCheque', 'PaymentCheques'],
      ['MahakPay', 'Mahakpays'],
      ['TaxOrderReceipt', 'TaxOrderReceipts'],
    ] as const
  ).map(([singular, collection]) => [`from${singular}Version`.toLowerCase(), collection]),
);

const byLowerName = new Map<string, EntityName>();
for (const d of Object.values(entityDefs)) {
  byLowerName.set(d.name.toLowerCase(), d.name);
  byLowerName.set(d.singular.toLowerCase(), d.name);
}

/** `product`, `ProductDetail`, `visitorPerson`, `People`, `orders` -> the entity (SolveDispute entityName). */
export function entityByName(name: string): EntityName | undefined {
  return byLowerName.get(name.trim().toLowerCase());
}

export const isEntityName = (name: string): name is EntityName =>
  (entityNames as readonly string[]).includes(name);
