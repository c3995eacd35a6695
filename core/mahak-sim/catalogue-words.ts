/**
 * Persian vocabulary of the generated catalogue. Some entries deliberately use the Arabic letters ي and ك
 * (as Mahak desktop data typed on an Arabic keyboard layout does) so that matching and search code must
 * normalise them; some model numbers use Persian digits, others Latin digits.
 */

/** How a category's products vary: colour/size for clothes, weight for food, colour only, or nothing. */
export type VariantKind = 'colourSize' | 'colour' | 'weight' | 'none';

export interface CategoryWords {
  name: string;
  nouns: readonly string[];
  brands: readonly string[];
  variant: VariantKind;
  /** Consumer price range in rial. */
  minPrice: number;
  maxPrice: number;
  unit: string;
  /** Second unit (carton, pack) and how many main units it holds, or none. */
  unit2?: { name: string; ratio: number };
  /** Basic foods carry no VAT in Iran; everything else 10% (3% levy + 7% tax). */
  taxFree?: boolean;
}

export const categories: readonly CategoryWords[] = [
  {
    name: 'لوازم خانگی',
    nouns: [
      'یخچال فریزر',
      'ماشین لباسشویی',
      'جاروبرقی',
      'اتو بخار',
      'چای‌ساز',
      'سرخ‌کن بدون روغن',
      'مایکروویو',
      'آبمیوه‌گیری',
    ],
    brands: ['پارس‌خزر', 'امرسان', 'سام', 'اسنوا', 'پاكشوما', 'هاردستون'],
    variant: 'colour',
    minPrice: 18_500_000,
    maxPrice: 420_000_000,
    unit: 'عدد',
  },
  {
    name: 'پوشاک',
    nouns: ['پیراهن مردانه', 'شلوار جین', 'مانتو زنانه', 'کاپشن', 'تی‌شرت نخی', 'هودی', 'كت تك'],
    brands: ['هاکوپیان', 'ال‌سی‌من', 'جوتی جینز', 'بادی اسپینر', 'کیان'],
    variant: 'colourSize',
    minPrice: 2_450_000,
    maxPrice: 38_000_000,
    unit: 'عدد',
  },
  {
    name: 'خوراکی',
    nouns: [
      'برنج ایرانی طارم',
      'روغن مایع',
      'چای سیاه',
      'زعفران سرگل',
      'خرمای مضافتی',
      'پسته اکبری',
      'عسل طبیعی',
      'ماكارونی',
    ],
    brands: ['گلستان', 'لادن', 'مهرام', 'تبرك', 'زر ماکارون', 'دوغزال'],
    variant: 'weight',
    minPrice: 650_000,
    maxPrice: 24_000_000,
    unit: 'بسته',
    unit2: { name: 'کارتن', ratio: 12 },
    taxFree: true,
  },
  {
    name: 'لوازم التحریر',
    nouns: ['دفتر ۱۰۰ برگ', 'خودکار', 'مداد رنگی ۲۴ رنگ', 'ماژیك وایت‌برد', 'کیف مدرسه', 'جامدادی'],
    brands: ['پنتر', 'کیان', 'استدلر', 'اونر', 'فابر'],
    variant: 'colour',
    minPrice: 120_000,
    maxPrice: 6_800_000,
    unit: 'عدد',
    unit2: { name: 'بسته', ratio: 10 },
  },
  {
    name: 'آرایشی و بهداشتی',
    nouns: ['شامپو', 'کرم مرطوب‌کننده', 'خمیردندان', 'ژل شستشوی صورت', 'عطر', 'مسواک'],
    brands: ['سینره', 'گلرنگ', 'اوه', 'مای', 'ردیكس'],
    variant: 'none',
    minPrice: 380_000,
    maxPrice: 14_500_000,
    unit: 'عدد',
    unit2: { name: 'کارتن', ratio: 24 },
  },
  {
    name: 'کالای دیجیتال',
    nouns: ['هدفون بی‌سیم', 'پاوربانک', 'کابل شارژ', 'اسپیکر بلوتوثی', 'فلش مموری', 'ماوس بی‌سیم'],
    brands: ['تسكو', 'بیاند', 'انرجایزر', 'ایکس‌پی', 'سامسونگ'],
    variant: 'colour',
    minPrice: 950_000,
    maxPrice: 85_000_000,
    unit: 'عدد',
  },
  {
    name: 'اسباب بازی',
    nouns: ['ماشین کنترلی', 'پازل ۱۰۰۰ تکه', 'عروسک', 'لگو', 'توپ فوتبال'],
    brands: ['هپی‌تویز', 'ویکتوری', 'آوا', 'مهرآموز'],
    variant: 'none',
    minPrice: 850_000,
    maxPrice: 32_000_000,
    unit: 'عدد',
  },
  {
    name: 'ابزار و یراق',
    nouns: ['دریل شارژی', 'پیچ‌گوشتی', 'آچار فرانسه', 'متر ۵ متری', 'جعبه ابزار'],
    brands: ['رونیکس', 'اکتیو', 'توسن', 'بوش'],
    variant: 'none',
    minPrice: 420_000,
    maxPrice: 56_000_000,
    unit: 'عدد',
  },
];

export const colours: readonly string[] = ['مشکی', 'سفید', 'قرمز', 'آبی', 'سرمه‌ای', 'طوسی', 'سبز', 'كرم'];
export const sizes: readonly string[] = ['S', 'M', 'L', 'XL', 'XXL', '۳۸', '۴۰', '۴۲'];
export const weights: readonly string[] = [
  '۲۵۰ گرم',
  '۵۰۰ گرم',
  '۱ کیلوگرم',
  '۲ کیلوگرم',
  '۵ کیلوگرم',
  '۱۰ کیلوگرم',
];

/** PropertyDescription codes used in ProductDetail.Properties (`[{"C":"1","V":"قرمز"}]`, as Mahak's app reads it). */
export const propertyCodes = { colour: 1, size: 2, weight: 3 } as const;
export const propertyNames: Record<number, string> = { 1: 'رنگ', 2: 'سایز', 3: 'وزن' };

export const firstNamesMale: readonly string[] = [
  'علی',
  'محمد',
  'رضا',
  'حسین',
  'مهدی',
  'امیر',
  'سعيد',
  'حمید',
  'كاظم',
  'یوسف',
];
export const firstNamesFemale: readonly string[] = [
  'فاطمه',
  'زهرا',
  'مریم',
  'سارا',
  'نرگس',
  'ليلا',
  'مینا',
  'الهام',
  'كبری',
];
export const lastNames: readonly string[] = [
  'محمدی',
  'حسینی',
  'رضايي',
  'کریمی',
  'احمدی',
  'موسوی',
  'جعفری',
  'كاظمی',
  'رحیمی',
  'صادقی',
  'نیک‌نام',
  'قاسمی',
];
export const companyNames: readonly string[] = [
  'بازرگانی آریا',
  'پخش البرز',
  'فروشگاه زنجیره‌ای رفاه',
  'شركت نيكان تجارت',
];

export const cities: readonly { state: string; city: string; code: number; phonePrefix: string }[] = [
  { state: 'تهران', city: 'تهران', code: 1, phonePrefix: '021' },
  { state: 'اصفهان', city: 'اصفهان', code: 2, phonePrefix: '031' },
  { state: 'خراسان رضوی', city: 'مشهد', code: 3, phonePrefix: '051' },
  { state: 'فارس', city: 'شیراز', code: 4, phonePrefix: '071' },
  { state: 'آذربایجان شرقی', city: 'تبریز', code: 5, phonePrefix: '041' },
  { state: 'البرز', city: 'کرج', code: 6, phonePrefix: '026' },
];
export const streets: readonly string[] = [
  'ولیعصر',
  'انقلاب',
  'آزادی',
  'شريعتی',
  'امام خمینی',
  'چهارباغ',
  'فردوسی',
];

export const storeNames: readonly string[] = ['انبار مرکزی', 'فروشگاه ولیعصر', 'انبار شعبه کرج'];
export const costLevelNames: readonly string[] = [
  'قیمت مصرف کننده',
  'قیمت عمده',
  'قیمت همکار',
  'قیمت فروش ویژه',
  'قیمت نمایندگی',
];
export const personGroups: readonly { name: string; sellPriceLevel: number; discountPercent: number }[] = [
  { name: 'مشتریان عادی', sellPriceLevel: 1, discountPercent: 0 },
  { name: 'عمده‌فروشان', sellPriceLevel: 2, discountPercent: 0 },
  { name: 'همکاران', sellPriceLevel: 3, discountPercent: 2 },
  { name: 'مشتریان فروشگاه اینترنتی', sellPriceLevel: 1, discountPercent: 0 },
];
export const banks: readonly string[] = [
  'بانک ملت',
  'بانک ملی ایران',
  'بانک صادرات',
  'بانک سامان',
  'بانک پاسارگاد',
];

/** Settings a visitor receives (API.md §3.4 codes). Values are written the way Mahak's app defaults are. */
export const settings: readonly { code: number; value: string }[] = [
  { code: 14008, value: '1.00000000' }, // levy + tax enabled
  { code: 14000, value: '3.00000000' }, // levy %
  { code: 14001, value: '7.00000000' }, // tax %
  { code: 1013, value: '1.00000000' }, // product details enabled
  { code: 1038, value: '0.00000000' }, // details mandatory
  { code: 1032, value: '0.00000000' }, // decimals for quantities
  { code: 1033, value: '0.00000000' }, // decimals for amounts
];
