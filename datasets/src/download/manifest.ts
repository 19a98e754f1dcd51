/** One downloadable file of a data set. */
export interface ManifestFile {
  /** Path under `<dataDir>/<folder>/`, e.g. `splits/vinyals/train.txt`. */
  path: string;
  url: string;
  /**
   * Lower-case hex SHA-256, checked against a copy of the file on the
   * machine that wrote this manifest; null when it could not be checked
   * (such a file is only fetched with `allowUnverified`, never marked valid).
   */
  sha256: string | null;
  /** Size in bytes, when known. */
  bytes?: number;
}

/** A data set: the folder it lives in and its files. */
export interface ManifestDataset {
  /** Folder under the data directory. */
  folder: string;
  description: string;
  files: ManifestFile[];
}

export type DatasetManifest = Record<string, ManifestDataset>;

const FASHION_URL =
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com';
const MNIST_URL = 'https://ossci-datasets.s3.amazonaws.com/mnist';
const OMNIGLOT_NPZ_URL = 'https://raw.githubusercontent.com/bitsandscraps/' +
    'omniglot/b0481240b7eb42393285a93ce7d2f266ff10c62b';
const LAKE_URL = 'https://raw.githubusercontent.com/brendenlake/omniglot/' +
    'master/python/one-shot-classification';
const SPLITS_URL = 'https://raw.githubusercontent.com/jakesnell/' +
    'prototypical-networks/c9bb4d258267c11cb6e23f0a19242d24ca98ad8a/data/' +
    'omniglot/splits/vinyals';

const MNIST_STEMS = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

function split(name: string, bytes: number, sha256: string): ManifestFile {
  return {
    path: `splits/vinyals/${name}.txt`, url: `${SPLITS_URL}/${name}.txt`,
    sha256, bytes,
  };
}

/**
 * The data sets `downloadDataset` knows. Checksums were verified against
 * the copies in the project's shared data folder; the others are null.
 */
export const DATASET_MANIFEST: DatasetManifest = {
  'fashion-mnist': {
    folder: 'fashion-mnist',
    description: 'Fashion-MNIST, 70000 28x28 grey images, IDX gzip',
    files: [
      ['train-images-idx3-ubyte.gz', 26421856,
        'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7'],
      ['train-labels-idx1-ubyte.gz', 29491,
        '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056'],
      ['t10k-images-idx3-ubyte.gz', 4422079,
        'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa'],
      ['t10k-labels-idx1-ubyte.gz', 5125,
        '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05'],
    ].map(([path, bytes, sha256]) => ({
      path: path as string, url: `${FASHION_URL}/${path}`,
      sha256: sha256 as string, bytes: bytes as number,
    })),
  },
  // TODO: verify the MNIST and CIFAR SHA-256 from a trusted copy; until
  // then these entries need allowUnverified.
  'mnist': {
    folder: 'mnist',
    description: 'MNIST digits, IDX gzip (checksums unverified)',
    files: MNIST_STEMS.map((stem) => ({
      path: `${stem}.gz`, url: `${MNIST_URL}/${stem}.gz`, sha256: null,
    })),
  },
  'cifar-10': {
    folder: 'cifar-10',
    description: 'CIFAR-10 binary tarball (checksum unverified; extract ' +
        'it in place with tar xzf)',
    files: [{
      path: 'cifar-10-binary.tar.gz',
      url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
      sha256: null,
    }],
  },
  'cifar-100': {
    folder: 'cifar-100',
    description: 'CIFAR-100 binary tarball (checksum unverified; extract ' +
        'it in place with tar xzf)',
    files: [{
      path: 'cifar-100-binary.tar.gz',
      url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
      sha256: null,
    }],
  },
  'omniglot': {
    folder: 'omniglot',
    description: 'Omniglot as two npz files, Lake et al. one-shot runs ' +
        'and the Vinyals split lists',
    files: [
      {
        path: 'images_background.npz',
        url: `${OMNIGLOT_NPZ_URL}/images_background.npz`, bytes: 3340794,
        sha256:
          '8bf84167413cd00beacdce3fe582f780ab538d8dbef043a6d688f2527bbce199',
      },
      {
        path: 'images_evaluation.npz',
        url: `${OMNIGLOT_NPZ_URL}/images_evaluation.npz`, bytes: 2415269,
        sha256:
          '0b84c7ffd94c4841c0040e529c86a82eaaccb986d8eadad5673f7991b7475276',
      },
      {
        path: 'all_runs.zip', url: `${LAKE_URL}/all_runs.zip`, bytes: 352787,
        sha256:
          '437c1eeab0af8484112e1b4cc0f3d541ec727f7c47b9b202da738af9dfd6c325',
      },
      split('train', 133244,
          '984522c194c30fb678ce53304a160a42faf5403ad4f9a67010f32dd3a35738e0'),
      split('val', 21312,
          '11f99e54faee3e26f53d3231c1cceac5bf7b8730e9be31cb6dab256551dc0c1a'),
      split('test', 50372,
          '845264cc5c156180828ccf17915668b17ee21424d0170df6e7d81676aa5d1204'),
      split('trainval', 154556,
          '5276ae50c755596d0bff7f2284e85625695549a85ee6e36b6491ad1e5d1cc26a'),
    ],
  },
};
