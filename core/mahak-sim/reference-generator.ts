import {
  banks,
  categories,
  cities,
  companyNames,
  costLevelNames,
  firstNamesFemale,
  firstNamesMale,
  lastNames,
  personGroups,
  propertyNames,
  settings,
  storeNames,
  streets,
} from './catalogue-words.js';
import { between, hash32, pick, salt } from './sim-random.js';
import { baseDate, persianDigits, type SimRow } from './sim-row.js';

/** Small reference entities: a row per list entry, ids index + 1. */
export interface SmallSource {
  count: number;
  rowAt(i: number, rowVersion: number): SimRow;
}

const stamp = (rv: number) => ({ Deleted: false, RowVersion: rv });

export const storeSource = (storeCount: number): SmallSource => ({
  count: storeCount,
  rowAt: (i, rv) => ({
    StoreId: i + 1,
    StoreClientId: 0,
    StoreCode: i + 1,
    Name: storeNames[i],
    Stock: 0,
    Comment: '',
    ...stamp(rv),
  }),
});

export const costLevelSource: SmallSource = {
  count: costLevelNames.length,
  rowAt: (i, rv) => ({
    CostLevelNameId: i + 1,
    CostLevelNameClientId: 0,
    CostLevelNameCode: i + 1,
    Name: costLevelNames[i],
    ...stamp(rv),
  }),
};

export const settingSource = (visitorId: number): SmallSource => ({
  count: settings.length,
  rowAt: (i, rv) => ({
    SettingId: i + 1,
    SettingCode: settings[i].code,
    SettingClientId: 0,
    VisitorId: visitorId,
    Value: settings[i].value,
    ...stamp(rv),
  }),
});

export const propertyDescriptionSource: SmallSource = {
  count: Object.keys(propertyNames).length,
  rowAt: (i, rv) => ({
    PropertyDescriptionId: i + 1,
    PropertyDescriptionClientId: 0,
    PropertyDescriptionCode: i + 1,
    Name: propertyNames[i + 1],
    Title: propertyNames[i + 1],
    EmptyTitle: '',
    DataType: 0,
    DisplayType: 0,
    Description: '',
    ...stamp(rv),
  }),
};

export const bankSource: SmallSource = {
  count: banks.length,
  rowAt: (i, rv) => ({
    BankId: i + 1,
    BankClientId: 0,
    BankCode: i + 11,
    BankGroupId: 0,
    Name: banks[i],
    BankName: banks[i],
    Branch: 'مرکزی',
    AccountNumber: String(1_000_000 + i * 7919),
    CardNumber: '',
    Shaba: '',
    Description: '',
    ...stamp(rv),
  }),
};

export const visitorSource = (visitorId: number, title: string, userName: string): SmallSource => ({
  count: 1,
  rowAt: (_i, rv) => ({
    VisitorId: visitorId,
    VisitorClientId: 0,
    VisitorCode: visitorId,
    Name: title,
    ExtraInfo: '',
    Username: userName,
    Password: '',
    VisitorType: 1,
    IsActive: true,
    ...stamp(rv),
  }),
});

export const categorySource: SmallSource = {
  count: categories.length,
  rowAt: (i, rv) => ({
    ProductCategoryId: i + 1,
    ProductCategoryClientId: 0,
    ProductCategoryCode: i + 101,
    Name: categories[i].name,
    Color: '',
    Icon: '',
    ...stamp(rv),
  }),
};

export const personGroupSource: SmallSource = {
  count: personGroups.length,
  rowAt: (i, rv) => ({
    PersonGroupId: i + 1,
    PersonGroupClientId: 0,
    PersonGroupCode: i + 1,
    Name: personGroups[i].name,
    Color: '',
    Icon: '',
    DiscountPercent: personGroups[i].discountPercent,
    SellPriceLevel: personGroups[i].sellPriceLevel,
    ...stamp(rv),
  }),
};

/** Iranian national code: 9 digits + check digit. */
function nationalCode(h: number): string {
  const body = String(h % 1_000_000_000).padStart(9, '0');
  const sum = [...body].reduce((acc, d, k) => acc + Number(d) * (10 - k), 0) % 11;
  return body + String(sum < 2 ? sum : 11 - sum);
}

export function personRow(seed: number, i: number, rv: number): SimRow {
  const h = (k: number) => hash32(seed, salt.person, i, k);
  const female = h(1) % 2 === 0;
  const legal = h(2) % 10 === 0;
  const place = cities[h(3) % cities.length];
  const mobileDigits = `09${between(10, 39, seed, salt.person, i, 4)}${String(h(5) % 10_000_000).padStart(7, '0')}`;
  const group = h(6) % 10 < 6 ? 0 : h(6) % personGroups.length;
  return {
    PersonId: i + 1,
    PersonClientId: 0,
    PersonCode: i + 1 + 2000,
    BranchCode: '',
    PersonGroupId: group + 1,
    PersonGroupClientId: 0,
    PersonGroupCode: group + 1,
    PersonType: legal ? 1 : 0,
    Prifix: female ? 'خانم' : 'آقای',
    FirstName: pick(female ? firstNamesFemale : firstNamesMale, seed, salt.person, i, 7),
    LastName: pick(lastNames, seed, salt.person, i, 8),
    Organization: legal ? pick(companyNames, seed, salt.person, i, 9) : '',
    Gender: female ? 2 : 1,
    NationalCode: nationalCode(h(10)),
    Credit: (h(11) % 5) * 50_000_000,
    Balance: ((h(12) % 2001) - 1000) * 10_000,
    Email: '',
    UserName: '',
    Password: '',
    DiscountPercent: 0,
    SellPriceLevel: 0,
    State: place.state,
    City: place.city,
    CityCode: place.code,
    Zone: '',
    Address: `${place.city}، خیابان ${pick(streets, seed, salt.person, i, 13)}، کوچه ${between(1, 40, seed, salt.person, i, 14)}، پلاک ${between(1, 120, seed, salt.person, i, 15)}`,
    Latitude: 0,
    Longitude: 0,
    Phone: `${place.phonePrefix}${String(h(16) % 100_000_000).padStart(8, '0')}`,
    // One mobile in five is typed with Persian digits, as shop staff often do.
    Mobile: h(17) % 5 === 0 ? persianDigits(mobileDigits) : mobileDigits,
    Fax: '',
    Description: '',
    FinanceTaxPayerType: 0,
    EconomicNo: '',
    PostalCode: String(1_000_000_000 + (h(18) % 8_999_999_999)).slice(0, 10),
    BirthDate: null,
    CreateDate: baseDate(h(19)),
    ...stamp(rv),
  };
}

export const peopleSource = (seed: number, count: number): SmallSource => ({
  count,
  rowAt: (i, rv) => personRow(seed, i, rv),
});

export function visitorPersonRow(
  id: number,
  personId: number,
  personCode: number,
  visitorId: number,
  rv: number,
): SimRow {
  return {
    VisitorPersonId: id,
    PersonId: personId,
    PersonClientId: 0,
    PersonCode: personCode,
    VisitorId: visitorId,
    VisitorClientId: 0,
    VisitorCode: visitorId,
    CreateDate: baseDate(hash32(personId)),
    ...stamp(rv),
  };
}

export const visitorPeopleSource = (count: number, visitorId: number): SmallSource => ({
  count,
  rowAt: (i, rv) => visitorPersonRow(i + 1, i + 1, i + 1 + 2000, visitorId, rv),
});
